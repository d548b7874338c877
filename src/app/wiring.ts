// The one place that builds what a run needs from its settings: the vars, the environment the
// experiments see (in validation and in their processes alike: the runner's tokens withheld), the
// validation options, the providers, the AWS runtime and the redactor. The CLI, the action's main
// step and its post step all call it, so they cannot drift apart.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AwsRuntime } from '../aws/runtime.js';
import type { Diagnostic } from '../experiment/diagnostics.js';
import { executableFinder } from '../experiment/executables.js';
import { experimentGuardrails } from '../experiment/guardrails.js';
import { Redactor } from '../experiment/redaction.js';
import type { ValidateFilesOptions } from '../experiment/validate-files.js';
import { loadVarFile, mergeVars, type Vars } from '../experiment/vars.js';
import { childEnv } from '../providers/child-env.js';
import { pythonControls } from '../providers/python-controls.js';
import { type ChaosSettingsResult, loadChaosSettings, NO_CHAOS_SETTINGS } from '../experiment/chaos-settings.js';
import type { StartControls } from '../contract/controls.js';
import type { FaultConfirmation, ProviderPlanner, ProviderRunner } from '../contract/provider.js';
import type { CanaryStores } from '../engine/canary.js';
import type { ActivityLimits } from '../contract/limits.js';
import { canaryStores, planProviders, resolvePython, runProviders } from './providers.js';
import { preparePython } from './python-env.js';
import { guardrailsOf, type ParsedSettings } from './settings.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Where the run happens: the process's (or the step's) environment and working folder. */
export interface Host {
  readonly env: Env;
  readonly cwd: string;
  /** Where set-up says what it does (installing or reusing the python-requirements virtualenv). */
  readonly log?: (line: string) => void;
  /** Stops the set-up (pip) when the run is interrupted. */
  readonly signal?: AbortSignal;
  /**
   * The post step: when the python-requirements virtualenv cannot be prepared, go on with the
   * configured python (saying so) rather than not at all: owed rollbacks that need no extension
   * (built-ins, http, processes) must still be played.
   */
  readonly pythonFallback?: boolean;
}

export interface RunWiring {
  readonly vars: Vars;
  /** What experiments see: the host's environment and the .env vars, without the runner's tokens. */
  readonly env: Record<string, string>;
  readonly validation: ValidateFilesOptions;
  /**
   * The providers one experiment runs with: its AWS built-ins see its guardrails and the run's dry
   * mode; its durability canary writes to the built-in stores.
   */
  providersFor(experiment: Record<string, unknown>): {
    readonly runProvider: ProviderRunner;
    readonly planProvider: ProviderPlanner;
    readonly canaryStores: CanaryStores;
    /** Starts the experiment's python controls (its own and the settings file's), when there are any. */
    readonly startControls: StartControls;
    /** The fault confirmations of the AWS built-ins since the last call, taken out (run-suite files them per activity). */
    takeConfirmations(): FaultConfirmation[];
  };
  /** Knows the secrets from outside the experiments (e.g. an AWS session); run-suite adds theirs. */
  readonly redactor: Redactor;
  /** What is kept of an activity's output and how long it may take (max-output, activity-timeout). */
  readonly limits: ActivityLimits;
}

export type WiringResult = { readonly ok: true; readonly wiring: RunWiring } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Environment variables whose values are AWS credentials (the access key id is not a secret). */
const AWS_SECRET_VARIABLES = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;

export async function wireRun({ settings, given }: ParsedSettings, host: Host, extraSecrets: readonly string[] = []): Promise<WiringResult> {
  const files: Vars[] = [];
  for (const file of settings.varFiles) {
    const loaded = await loadVarFile(path.resolve(host.cwd, file), settings.maxFileSize);
    if (!loaded.ok) return { ok: false, diagnostics: loaded.diagnostics };
    files.push(loaded.vars);
  }
  const vars = mergeVars(files, settings.vars as [string, unknown][]);
  const chaosSettings = await loadSettingsFile(settings.settingsFile, host, settings.maxFileSize);
  if (!chaosSettings.ok) return chaosSettings;
  const region = settings.awsRegion ? { AWS_REGION: settings.awsRegion, AWS_DEFAULT_REGION: settings.awsRegion } : {};
  const env = childEnv({ ...host.env, ...vars.env, ...region });
  const redactor = new Redactor();
  for (const v of extraSecrets) redactor.add(v);
  addEnvironmentSecrets(redactor, env);
  // Before validation and before any role is assumed: pip sees the host's environment without its tokens or AWS credentials.
  const prepared = await preparePython({
    python: settings.python,
    requirements: settings.pythonRequirements,
    env: host.env,
    cwd: host.cwd,
    log: host.log ?? (() => undefined),
    ...(host.signal ? { signal: host.signal } : {}),
  });
  if (!prepared.ok) {
    if (!host.pythonFallback) return { ok: false, diagnostics: prepared.diagnostics };
    host.log?.(
      `the python-requirements virtualenv could not be prepared (${prepared.diagnostics.map((d) => d.message).join('; ')}); going on with ${settings.python}`,
    );
  }
  const python = prepared.ok ? prepared.python : settings.python;
  const runProvider = runProviders({ python });
  // Controls run in the same python as the python providers (the python-requirements venv included).
  const startControls = pythonControls({ python, settings: chaosSettings.value.settings, globals: chaosSettings.value.controls });
  const planProvider = planProviders();
  const aws = new AwsRuntime();
  const runGuardrails = guardrailsOf(settings, given);
  const dry = settings.dry === 'actions' || settings.dry === 'activities';
  return {
    ok: true,
    wiring: {
      vars,
      env,
      validation: {
        env,
        vars,
        findExecutable: executableFinder(env.PATH),
        resolvePython: resolvePython({ python, env }),
        maxFileBytes: settings.maxFileSize,
        excludeGlobs: settings.exclude,
        cwd: host.cwd,
      },
      providersFor: (experiment) => {
        const scope = aws.scope(experimentGuardrails(experiment, runGuardrails).guardrails, { dry, confirmTimeoutMs: settings.faultConfirmTimeout * 1000 });
        return {
          runProvider: (provider, ctx) => runProvider(provider, { ...ctx, aws: scope }),
          planProvider: (provider, ctx) => planProvider(provider, { ...ctx, aws: scope }),
          canaryStores,
          startControls,
          takeConfirmations: () => scope.confirmations.splice(0),
        };
      },
      redactor,
      limits: {
        maxOutputBytes: settings.maxOutput,
        ...(settings.activityTimeout !== undefined ? { activityTimeout: settings.activityTimeout } : {}),
      },
    },
  };
}

/**
 * The Chaos Toolkit settings file: the one given, else ~/.chaostoolkit/settings.yaml when it
 * exists (as `chaos run` reads it). Never one from the experiments folder unless a flag says so.
 */
async function loadSettingsFile(given: string | undefined, host: Host, maxBytes: number): Promise<ChaosSettingsResult> {
  const home = host.env.HOME ?? os.homedir();
  const file = given !== undefined ? path.resolve(host.cwd, given) : path.join(home, '.chaostoolkit', 'settings.yaml');
  if (given === undefined && !existsSync(file)) return { ok: true, value: NO_CHAOS_SETTINGS };
  return loadChaosSettings(file, maxBytes);
}

/** AWS keys an environment holds (the CLI's, or the role's session) are secrets too. */
export function addEnvironmentSecrets(redactor: Redactor, env: Readonly<Record<string, string>>): void {
  for (const key of AWS_SECRET_VARIABLES) if (env[key]) redactor.add(env[key]);
}
