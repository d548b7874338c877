// Which controls apply where, and in which order: ours against chaoslib's own get_context_controls
// and get_controls (the pinned oracle), on the cases its merging rules distinguish.
import { describe, expect, it } from 'vitest';
import { type Control, type ControlLevel, controlsAt, controlsToConfigure, declaredControls } from '../../src/experiment/controls.js';
import { parseExperimentText } from '../../src/experiment/loader.js';
import { validateExperiment } from '../../src/experiment/validate.js';
import { emptyVars } from '../../src/experiment/vars.js';
import type { PythonLookup } from '../../src/python/signature.js';
import { runPythonOracle } from '../support/oracle.js';

const ctl = (name: string, extra: Record<string, unknown> = {}): Control => ({
  name,
  provider: { type: 'python', module: `mod_${name}` },
  ...extra,
});

interface Case {
  level: ControlLevel;
  experiment: Record<string, unknown>;
  context: 'experiment' | 'hypothesis' | 'activity';
  globals: Control[];
}

const activity = (controls?: Control[]) => ({ type: 'action', name: 'a', provider: { type: 'process', path: 'true' }, ...(controls ? { controls } : {}) });
const experiment = (top: Control[] | undefined, act?: Control[], hypo?: Control[]) => ({
  title: 't',
  description: 'd',
  ...(top ? { controls: top } : {}),
  'steady-state-hypothesis': { title: 'h', probes: [], ...(hypo ? { controls: hypo } : {}) },
  method: [activity(act)],
});

const cases: [string, Case][] = [
  ['no controls anywhere', { level: 'activity', experiment: experiment(undefined), context: 'activity', globals: [] }],
  [
    'top-level only, on an activity',
    { level: 'activity', experiment: experiment([ctl('a'), ctl('b', { automatic: false })]), context: 'activity', globals: [] },
  ],
  ['activity only', { level: 'activity', experiment: experiment(undefined, [ctl('x')]), context: 'activity', globals: [] }],
  ['top-level and activity', { level: 'activity', experiment: experiment([ctl('a'), ctl('b')], [ctl('x')]), context: 'activity', globals: [] }],
  [
    'two activity controls duplicate the top-level ones',
    { level: 'activity', experiment: experiment([ctl('a'), ctl('b')], [ctl('x'), ctl('y')]), context: 'activity', globals: [] },
  ],
  [
    'an activity control named like a top-level one',
    { level: 'activity', experiment: experiment([ctl('a'), ctl('b')], [ctl('a')]), context: 'activity', globals: [] },
  ],
  [
    'a ref to a top-level control',
    { level: 'activity', experiment: experiment([ctl('a'), ctl('b', { automatic: false })], [{ ref: 'b' }]), context: 'activity', globals: [] },
  ],
  [
    'experiment level: global then top-level, non-automatic included',
    { level: 'experiment', experiment: experiment([ctl('a'), ctl('m', { automatic: false })]), context: 'experiment', globals: [ctl('g')] },
  ],
  [
    'method level drops the global controls when the experiment has its own',
    { level: 'method', experiment: experiment([ctl('a'), ctl('m', { automatic: false })]), context: 'experiment', globals: [ctl('g')] },
  ],
  [
    'rollback level without top-level controls keeps the global ones',
    { level: 'rollback', experiment: experiment(undefined), context: 'experiment', globals: [ctl('g')] },
  ],
  [
    'hypothesis level: top-level in front of the hypothesis one',
    { level: 'hypothesis', experiment: experiment([ctl('a')], undefined, [ctl('h')]), context: 'hypothesis', globals: [ctl('g')] },
  ],
  ['activity with a global: the top-level one goes first', { level: 'activity', experiment: experiment([ctl('a')]), context: 'activity', globals: [ctl('g')] }],
];

const ORACLE = String.raw`
import json, sys
from chaoslib.control import get_context_controls, set_global_controls, get_controls
out = []
for case in json.load(sys.stdin):
    exp = case["experiment"]
    context = {"experiment": exp, "hypothesis": exp["steady-state-hypothesis"], "activity": exp["method"][0]}[case["context"]]
    set_global_controls(case["globals"])
    out.append({
        "applied": [c.get("name") or "ref:" + c.get("ref", "") for c in get_context_controls(case["level"], exp, context)],
        "declared": [c.get("name") or "ref:" + c.get("ref", "") for c in get_controls(exp)],
    })
print(json.dumps(out))
`;

const contextOf = (c: Case) => {
  const exp = c.experiment as Record<string, Record<string, unknown> & { method: Record<string, unknown>[] }>;
  if (c.context === 'experiment') return c.experiment;
  if (c.context === 'hypothesis') return exp['steady-state-hypothesis'] as Record<string, unknown>;
  return (c.experiment.method as Record<string, unknown>[])[0] as Record<string, unknown>;
};

describe("controls: which apply where, as chaoslib's get_context_controls merges them", () => {
  const answers = runPythonOracle<{ applied: string[]; declared: string[] }[]>(
    ORACLE,
    cases.map(([, c]) => c),
  );

  it.each(cases.map(([name, c], i) => [name, c, i] as const))('%s', (_name, c, i) => {
    // Both scopes pass a control without `scope`; the ref entry itself never runs (no provider).
    const ours = controlsAt(c.level, 'before', c.experiment, contextOf(c), c.globals).map((x) => String(x.name));
    expect(ours).toEqual(answers[i]?.applied.filter((n) => !n.startsWith('ref:')));
    expect(declaredControls(c.experiment).map((x) => x.name ?? `ref:${String(x.ref)}`)).toEqual(answers[i]?.declared);
  });

  it('scope keeps a before-only control out of the after hooks, and the other way round', () => {
    const exp = experiment([ctl('b', { scope: 'before' }), ctl('a', { scope: 'after' }), ctl('both')]);
    const act = (exp.method as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(controlsAt('activity', 'before', exp, act, []).map((c) => c.name)).toEqual(['b', 'both']);
    expect(controlsAt('activity', 'after', exp, act, []).map((c) => c.name)).toEqual(['a', 'both']);
  });

  it('the safeguards control runs natively: never in a session, never configured through python', () => {
    const safeguards = { name: 's', provider: { type: 'python', module: 'chaosaddons.controls.safeguards', arguments: { probes: [] } } };
    const exp = experiment([safeguards, ctl('a')]);
    expect(controlsAt('experiment', 'before', exp, exp, []).map((c) => c.name)).toEqual(['a']);
    expect(controlsToConfigure(exp).map((c) => c.name)).toEqual(['a']);
  });

  it('a control declared twice by name is configured once, first seen first', () => {
    const exp = experiment([ctl('a')], [ctl('x'), ctl('a')], [ctl('h'), ctl('x')]);
    expect(controlsToConfigure(exp).map((c) => c.name)).toEqual(['a', 'h', 'x']);
  });
});

describe('controls in validation', () => {
  const diagnose = (value: Record<string, unknown>, python: Map<string, PythonLookup>) => {
    const loaded = parseExperimentText('c.json', 'json', JSON.stringify(value, null, 2));
    if (!loaded.ok) throw new Error('does not load');
    return validateExperiment(loaded.doc, { env: {}, vars: emptyVars(), findExecutable: () => 'ok', python }).diagnostics;
  };
  const importable = new Map<string, PythonLookup>([
    ['mod_a:configure_control', { status: 'no-function' }],
    ['mod_x:configure_control', { status: 'found', params: [], builtin: false }],
  ]);

  it('a control whose module imports (with or without configure_control) is valid: no "ignored" warning any more', () => {
    expect(diagnose(experiment([ctl('a')], [ctl('x')]), importable)).toEqual([]);
  });

  it('a control whose module does not import is an error at its module, wherever it is declared', () => {
    const missing = new Map<string, PythonLookup>([['mod_a:configure_control', { status: 'no-module', detail: "No module named 'mod_a'" }]]);
    const found = diagnose(experiment(undefined, [ctl('a')]), missing);
    expect(found.map((d) => [d.severity, d.code, d.pointer, d.line > 1])).toEqual([['error', 'control-module', '/method/0/controls/0/provider/module', true]]);
    expect(found[0]?.message).toBe("could not find Python module 'mod_a' in control 'a' (No module named 'mod_a')");
  });

  it('a ref must name a declared control (chaoslib validate_controls)', () => {
    expect(diagnose(experiment([ctl('a')], [{ ref: 'a' }]), importable)).toEqual([]);
    expect(diagnose(experiment([ctl('a')], [{ ref: 'nope' }]), importable).map((d) => [d.code, d.pointer])).toEqual([
      ['control-ref', '/method/0/controls/0/ref'],
    ]);
  });
});
