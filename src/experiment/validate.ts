// Validation of one loaded experiment: every check `chaos validate` makes (same verdict), the ones
// Chaos Toolkit only discovers at run time, and warnings for what is silently ignored. Every
// problem in the file is reported, positioned.
import { type ActivityEntry, listActivities, refTargets, resolveRef } from './activities.js';
import { isMapping } from '../python/values.js';
import { type Env, loadConfiguration } from './configuration.js';
import { type Diagnostic, type Problem, compareDiagnostics, positioned } from './diagnostics.js';
import type { ExecutableFinder } from './executables.js';
import type { LoadedDocument } from './loader.js';
import { bindArguments, type PythonLookup, type PythonTarget, targetKey } from '../python/signature.js';
import { checkSchema, closest } from './schema.js';
import { loadSecrets } from './secrets.js';
import { joinPointer } from './source-map.js';
import { readStopConditions } from './stop-conditions.js';
import { declaredControls, isPythonControl } from './controls.js';
import { CANARY_VARIABLES, canaryProcesses, canaryTemplates, recoverySettings } from './objectives.js';
import { experimentGuardrails, type Guardrails } from './guardrails.js';
import { declaredLocks } from './locks.js';
import { bracedNames } from './substitution.js';
import { ACTIVITY_KEY, checkExpectation } from './expectations.js';
import { shellSyntaxProblems } from './shell-syntax.js';
import { checkTolerance } from './tolerance-checks.js';
import { describeProvider, isChaosawsFunction, runsAwsCli, unguardedReason } from './unguarded.js';
import type { Vars } from './vars.js';

export interface ValidationContext {
  /** The environment configuration and secrets read (the process's, plus .env var files). */
  readonly env: Env;
  readonly vars: Vars;
  readonly findExecutable: ExecutableFinder;
  /** Python functions, resolved up front for every file (see pythonTargets). */
  readonly python: ReadonlyMap<string, PythonLookup>;
  /** The run's guardrails, which the experiment's extension may only tighten. */
  readonly guardrails?: Guardrails;
}

export interface ValidatedExperiment {
  readonly doc: LoadedDocument;
  readonly diagnostics: Diagnostic[];
  /** Resolved configuration (dynamic entries still unresolved) and secrets, when valid. */
  readonly configuration: Record<string, unknown>;
  readonly dynamicConfiguration: string[];
  readonly secrets: Record<string, unknown>;
  readonly secretValues: unknown[];
}

/** The python functions a document names, to resolve in one batch before validating. */
export function pythonTargets(document: unknown): PythonTarget[] {
  if (!isMapping(document)) return [];
  const activities = listActivities(document).flatMap((a) => {
    const p = a.value.provider;
    return isMapping(p) && p.type === 'python' && typeof p.module === 'string' && p.module && typeof p.func === 'string' && p.func
      ? [{ module: p.module, func: p.func }]
      : [];
  });
  return [...activities, ...pythonControlEntries(document).map((c) => controlTarget(c.module))];
}

/** A python control's module is looked up as its configure_control: found or no-function, the module imports. */
const controlTarget = (module: string): PythonTarget => ({ module, func: 'configure_control' });

/** What may declare controls, with where it sits: the experiment, its hypothesis, its activities. */
const controlHolders = (experiment: Record<string, unknown>): [unknown, string][] => [
  [experiment, ''],
  [experiment['steady-state-hypothesis'], '/steady-state-hypothesis'],
  ...listActivities(experiment).map((a): [unknown, string] => [a.value, a.pointer]),
];

/** The python controls (not safeguards) an experiment declares, with where each sits. */
function pythonControlEntries(experiment: Record<string, unknown>): { module: string; pointer: string; name: string }[] {
  return controlHolders(experiment).flatMap(([holder, at]) =>
    isMapping(holder) && Array.isArray(holder.controls)
      ? holder.controls.flatMap((c, i) =>
          isMapping(c) && isPythonControl(c) && typeof (c.provider as Record<string, unknown>).module === 'string'
            ? [{ module: String((c.provider as Record<string, unknown>).module), pointer: `${at}/controls/${i}/provider/module`, name: String(c.name ?? '') }]
            : [],
        )
      : [],
  );
}

/**
 * A python control whose module cannot be imported: an error (chaoslib only warns, then runs
 * without it). A control `ref` must name a declared control (chaoslib validate_controls).
 */
function checkControls(experiment: Record<string, unknown>, ctx: ValidationContext): Problem[] {
  const names = new Set(declaredControls(experiment).flatMap((c) => ('ref' in c || typeof c.name !== 'string' ? [] : [c.name])));
  const refs = controlHolders(experiment).flatMap(([holder, at]) =>
    isMapping(holder) && Array.isArray(holder.controls)
      ? holder.controls.flatMap((c, i): Problem[] =>
          isMapping(c) && 'ref' in c && !names.has(String(c.ref))
            ? [
                {
                  severity: 'error',
                  code: 'control-ref',
                  pointer: `${at}/controls/${i}/ref`,
                  message: `no control is named '${String(c.ref)}'`,
                  hint: 'a ref names a control declared with that name',
                },
              ]
            : [],
        )
      : [],
  );
  return [
    ...refs,
    ...pythonControlEntries(experiment).flatMap((c): Problem[] => {
      const lookup = ctx.python.get(targetKey(controlTarget(c.module)));
      if (lookup?.status === 'found' || lookup?.status === 'no-function') return [];
      const detail = lookup && 'detail' in lookup && lookup.detail ? ` (${lookup.detail})` : '';
      return [
        {
          severity: 'error',
          code: lookup ? 'control-module' : 'python-unavailable',
          pointer: c.pointer,
          message:
            lookup?.status === 'no-module'
              ? `could not find Python module '${c.module}' in control '${c.name}'${detail}`
              : `control '${c.name}' runs through python3, and no python3 is available to import '${c.module}'${detail}`,
          hint: `pip install the package that provides ${c.module.split('.')[0]} into the python3 chaos-action uses (--python)`,
        },
      ];
    }),
  ];
}

export function validateExperiment(doc: LoadedDocument, ctx: ValidationContext): ValidatedExperiment {
  const experiment = doc.value;
  const problems: Problem[] = [];
  let configuration: Record<string, unknown> = {};
  let dynamicConfiguration: string[] = [];
  let secrets: Record<string, unknown> = {};
  let secretValues: unknown[] = [];
  if (!isMapping(experiment) || Object.keys(experiment).length === 0) {
    problems.push({
      severity: 'error',
      code: 'experiment-empty',
      pointer: '',
      message:
        isMapping(experiment) || experiment === null
          ? 'an empty experiment is not an experiment'
          : 'an experiment must be a mapping (title, description, method, …)',
      hint: 'start from one of the samples in experiments/',
    });
  } else {
    problems.push(...checkSchema(experiment));
    const config = loadConfiguration(experiment.configuration, ctx.vars.configuration, ctx.env);
    const loadedSecrets = loadSecrets(experiment.secrets, ctx.vars.secrets, ctx.env);
    problems.push(...config.problems, ...loadedSecrets.problems);
    configuration = config.values;
    dynamicConfiguration = config.dynamic;
    secrets = loadedSecrets.values;
    secretValues = loadedSecrets.secretValues;
    problems.push(...checkActivities(experiment, doc, ctx, configuration, secrets));
    problems.push(...checkTopLevel(experiment, configuration, secrets), ...checkControls(experiment, ctx));
    for (const canary of canaryProcesses(experiment))
      problems.push(...processPathProblems(canary.path, canary.pointer, `the canary's ${canary.role} provider`, ctx));
    problems.push(...experimentGuardrails(experiment, ctx.guardrails).problems);
    problems.push(...declaredLocks(experiment).problems);
  }
  const diagnostics = problems.map((p) => positioned(doc.file, doc.map.locate(p.pointer, p.atKey), p)).sort(compareDiagnostics);
  return { doc, diagnostics, configuration, dynamicConfiguration, secrets, secretValues };
}

function checkActivities(
  experiment: Record<string, unknown>,
  doc: LoadedDocument,
  ctx: ValidationContext,
  configuration: Record<string, unknown>,
  secrets: Record<string, unknown>,
): Problem[] {
  const problems: Problem[] = [];
  const activities = listActivities(experiment);
  const targets = refTargets(activities);
  for (const entry of activities) {
    if (entry.value.ref !== undefined) {
      if (typeof entry.value.ref === 'string' && entry.value.ref && !targets.has(entry.value.ref)) {
        const suggestion = closest(entry.value.ref, [...targets.keys()]);
        problems.push({
          severity: 'error',
          code: 'ref-unresolved',
          pointer: joinPointer(entry.pointer, 'ref'),
          message: `referenced activity '${entry.value.ref}' could not be found in the experiment`,
          hint: suggestion ? `did you mean "${suggestion}"?` : 'a ref names a method activity or hypothesis probe by its "name"',
        });
      }
    } else {
      problems.push(...checkProvider(entry, ctx));
      problems.push(...checkPauses(entry, configuration, secrets));
      if ((entry.role === 'method' || entry.role === 'rollback') && 'tolerance' in entry.value) {
        problems.push({
          severity: 'warning',
          code: 'tolerance-ignored',
          pointer: joinPointer(entry.pointer, 'tolerance'),
          message: 'a tolerance outside the steady-state hypothesis is never checked (as in Chaos Toolkit)',
          hint: 'move the probe into steady-state-hypothesis.probes to check it',
        });
      }
    }
    if (entry.role === 'hypothesis' || entry.role === 'guard') problems.push(...checkTolerance(entry, resolveRef(entry, targets), doc.map));
    problems.push(...checkExpectation(entry));
  }
  return problems;
}

/** A process provider's program must exist, as Chaos Toolkit checks it (unsubstituted). */
function processPathProblems(path: string, pointer: string, where: string, ctx: ValidationContext): Problem[] {
  const status = ctx.findExecutable(path);
  if (status === 'ok') return [];
  return [
    {
      severity: 'error',
      code: 'process-path',
      pointer,
      message: status === 'missing' ? `path '${path}' cannot be found, in ${where}` : `no access permission to '${path}', in ${where}`,
      hint:
        status === 'missing'
          ? 'install the program or give its full path; it must exist when the experiment is validated (the path is not substituted)'
          : `make it executable: chmod +x ${path}`,
    },
  ];
}

function checkProvider(entry: ActivityEntry, ctx: ValidationContext): Problem[] {
  const provider = entry.value.provider;
  if (!isMapping(provider)) return [];
  const name = String(entry.value.name ?? '');
  const at = (key: string): string => joinPointer(joinPointer(entry.pointer, 'provider'), key);
  if (provider.type === 'process' && typeof provider.path === 'string' && provider.path) {
    const problems: Problem[] = processPathProblems(provider.path, at('path'), `activity '${name}'`, ctx);
    if (runsAwsCli(provider) && !unguardedReason(entry.value)) problems.push(unmarkedAwsProblem(entry, at('path')));
    if (isMapping(provider.arguments)) {
      problems.push({
        severity: 'warning',
        code: 'process-arguments-dict',
        pointer: at('arguments'),
        message: 'process arguments as a mapping are deprecated',
        hint: 'write them as a list: ["--flag", "value"]',
      });
    }
    problems.push(...shellSyntaxProblems(provider.path, provider.arguments, at('arguments')));
    return problems;
  }
  if (provider.type === 'python' && typeof provider.module === 'string' && typeof provider.func === 'string' && provider.module && provider.func) {
    return checkPython(entry, { module: provider.module, func: provider.func }, provider.arguments, ctx, at);
  }
  return [];
}

/**
 * An activity that can only mean AWS calls the guardrails cannot see (the AWS CLI, a chaosaws
 * function that is not built in): it gets the run's AWS credentials only when marked, so unmarked
 * it could not work and is an error.
 */
function unmarkedAwsProblem(entry: ActivityEntry, pointer: string): Problem {
  return {
    severity: 'error',
    code: 'unguarded-unmarked',
    pointer,
    message: `${String(entry.value.type ?? 'activity')} '${String(entry.value.name ?? '')}' runs ${describeProvider(entry.value.provider)}, whose AWS calls the guardrails (allowed accounts, required tags, max targets) cannot check: it gets no AWS credentials unless the experiment marks it`,
    hint: `use a built-in chaosaws function, or mark the activity with "${ACTIVITY_KEY}": {"unguarded": "why it may change AWS outside the guardrails"}; it is then listed as unguarded in the plan and the report`,
  };
}

function checkPython(entry: ActivityEntry, target: PythonTarget, args: unknown, ctx: ValidationContext, at: (key: string) => string): Problem[] {
  const lookup = ctx.python.get(targetKey(target));
  const name = String(entry.value.name ?? '');
  const error = (code: string, pointer: string, message: string, hint?: string): Problem => ({
    severity: 'error',
    code,
    pointer,
    message,
    ...(hint ? { hint } : {}),
  });
  const install = target.module.startsWith('chaosaws')
    ? 'pip install chaostoolkit-aws'
    : `pip install the package that provides ${target.module.split('.')[0]}`;
  if (!lookup || lookup.status === 'no-python') {
    return [
      error(
        'python-unavailable',
        at('module'),
        `'${target.module}.${target.func}' is not a chaos-action built-in, and no python3 is available to import it${lookup ? ` (${lookup.detail})` : ''}`,
        `install python3 and ${install}, or point --python at an interpreter that has it`,
      ),
    ];
  }
  if (lookup.status === 'no-module') {
    return [
      error(
        'python-module',
        at('module'),
        `could not find Python module '${target.module}' in activity '${name}'`,
        `${install} into the python3 chaos-action uses${lookup.detail ? ` (${lookup.detail})` : ''}`,
      ),
    ];
  }
  if (lookup.status === 'no-function') {
    return [
      error(
        'python-function',
        at('func'),
        `The python module '${target.module}' does not expose a function called '${target.func}' in ${String(entry.value.type)} '${name}'`,
      ),
    ];
  }
  const argumentNames = isMapping(args) ? Object.keys(args) : [];
  const note: Problem[] =
    !lookup.builtin && isChaosawsFunction(entry.value.provider) && !unguardedReason(entry.value)
      ? [unmarkedAwsProblem(entry, at('module'))]
      : lookup.note
        ? [{ severity: 'warning', code: 'python-not-builtin', pointer: at('module'), message: lookup.note }]
        : [];
  if (entry.value.type === 'probe' && /^chaosaws\.[a-z0-9_]+\.actions$/.test(target.module)) {
    note.push({
      severity: 'warning',
      code: 'probe-changes-aws',
      pointer: at('module'),
      message: `probe '${name}' calls ${target.module}.${target.func}, which changes AWS resources: probes run for real, also under --dry actions (where chaos-action refuses the change)`,
      hint: 'make it an action (type: action), or call a chaosaws probes function',
    });
  }
  return [
    ...note,
    ...bindArguments(lookup.params, argumentNames).map((b) =>
      b.kind === 'missing'
        ? error(
            'python-argument-missing',
            isMapping(args) ? at('arguments') : joinPointer(entry.pointer, 'provider'),
            `required argument '${b.argument}' is missing from activity '${target.func}'`,
            `add ${b.argument} to provider.arguments`,
          )
        : error(
            'python-argument-unknown',
            joinPointer(at('arguments'), b.argument),
            `argument '${b.argument}' is not part of the function signature in activity '${target.func}'`,
            `${target.func} takes: ${lookup.params.map((p) => p.name).join(', ')}`,
          ),
    ),
  ];
}

function checkPauses(entry: ActivityEntry, configuration: Record<string, unknown>, secrets: Record<string, unknown>): Problem[] {
  const pauses = entry.value.pauses;
  if (!isMapping(pauses)) return [];
  const problems: Problem[] = [];
  for (const when of ['before', 'after'] as const) {
    const pause = pauses[when];
    const pointer = joinPointer(joinPointer(entry.pointer, 'pauses'), when);
    if (typeof pause === 'number') {
      const wrong = badPause(pause);
      if (wrong) problems.push({ severity: 'error', code: 'pause-range', pointer, message: `the ${when} pause is ${wrong}`, hint: PAUSE_HINT });
      continue;
    }
    if (typeof pause !== 'string') continue;
    const m = /^\$\{([_a-zA-Z][_a-zA-Z0-9]*)\}$/.exec(pause);
    if (!m) continue; // the schema reports a malformed pause
    const key = m[1] as string;
    const secretValue = Object.values(secrets).find((s) => isMapping(s) && key in s) as Record<string, unknown> | undefined;
    const known = key in configuration || secretValue !== undefined;
    const value = key in configuration ? configuration[key] : secretValue?.[key];
    if (!known) {
      problems.push({
        severity: 'error',
        code: 'pause-undefined',
        pointer,
        message: `the ${when} pause refers to "${key}", which is neither in the configuration nor in the secrets`,
        hint: `declare it: configuration: {${key}: 5}`,
      });
    } else if (typeof value === 'string') {
      problems.push({
        severity: 'error',
        code: 'pause-not-number',
        pointer,
        message: `the ${when} pause "${pause}" is a string, not a number: Chaos Toolkit aborts the run here`,
        hint: 'add env_var_type: float to the configuration entry',
      });
    } else if (typeof value === 'number' && badPause(value)) {
      problems.push({ severity: 'error', code: 'pause-range', pointer, message: `the ${when} pause "${pause}" is ${badPause(value)}`, hint: PAUSE_HINT });
    }
  }
  return problems;
}

const PAUSE_HINT = 'a pause is a number of seconds, 0 or more';

/**
 * What is wrong with a pause's number, if anything: Python's time.sleep refuses a negative or an
 * infinite length, and Chaos Toolkit aborts the run at that pause.
 */
function badPause(seconds: number): string | undefined {
  if (Number.isNaN(seconds)) return 'not a number (NaN)';
  if (!Number.isFinite(seconds)) return `${seconds > 0 ? '' : 'minus '}infinite (.inf, or a number too large for a double such as 1e999)`;
  if (seconds < 0) return `negative (${seconds} s)`;
  return undefined;
}

function checkTopLevel(experiment: Record<string, unknown>, configuration: Record<string, unknown>, secrets: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [...recoverySettings(experiment).problems, ...readStopConditions(experiment).problems];
  if ('dry' in experiment) {
    problems.push({
      severity: 'warning',
      code: 'dry-ignored',
      pointer: '/dry',
      atKey: true,
      message: '"dry" in the file is ignored: the dry mode comes from the command line (--dry)',
    });
  }
  const runtime = experiment.runtime;
  if (isMapping(runtime) && isMapping(runtime.hypothesis) && runtime.hypothesis.strategy === 'continously') {
    problems.push({
      severity: 'warning',
      code: 'strategy-spelling',
      pointer: '/runtime/hypothesis/strategy',
      message: '"continously" is a deprecated spelling',
      hint: 'write "continuously"',
    });
  }
  const defined = new Set([...Object.keys(configuration), ...Object.values(secrets).flatMap((s) => (isMapping(s) ? Object.keys(s) : []))]);
  const undefinedIn = (pointer: string, value: unknown): void => {
    for (const name of bracedNames(value)) {
      if (!defined.has(name)) {
        problems.push({
          severity: 'warning',
          code: 'substitution-undefined',
          pointer,
          message: `\${${name}} is not defined in the configuration or secrets; it is left as written`,
          hint: `declare it: configuration: {${name}: …}`,
        });
      }
    }
  };
  undefinedIn('/title', experiment.title);
  for (const entry of listActivities(experiment)) {
    const provider = entry.value.provider;
    if (!isMapping(provider) || provider.type === 'process') continue; // shell strings use $VAR on purpose
    for (const key of ['url', 'headers', 'arguments', 'timeout']) {
      if (key in provider) undefinedIn(joinPointer(joinPointer(entry.pointer, 'provider'), key), provider[key]);
    }
  }
  // The canary's providers may also use the names it sets at each write.
  for (const name of CANARY_VARIABLES) defined.add(name);
  for (const field of canaryTemplates(experiment)) undefinedIn(field.pointer, field.value);
  return problems;
}
