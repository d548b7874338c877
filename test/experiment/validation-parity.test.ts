// `chaos-action validate` must give the same valid/invalid verdict as the real `chaos validate`
// on every file where both make the check, and report the error we expect, positioned.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { executableFinder } from '../../src/experiment/executables.js';
import { validateFiles } from '../../src/experiment/validate-files.js';
import { emptyVars } from '../../src/experiment/vars.js';
import { resolvePython } from '../../src/app/providers.js';
import { writeCorpus } from '../support/corpus.js';
import { oraclePython, repoRoot, runPythonOracle } from '../support/oracle.js';
import { CASES } from './validation-corpus.js';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'python');
const env: Record<string, string | undefined> = { ...process.env, CHAOS_TEST_PRESENT: '42', PYTHONPATH: fixtures };
delete env.CHAOS_TEST_SURELY_UNSET;

const PY = String.raw`
import json, logging, os, sys
logging.disable(logging.CRITICAL)
data = json.load(sys.stdin)
os.environ.update(data["env"])
os.environ.pop("CHAOS_TEST_SURELY_UNSET", None)
sys.path.insert(0, data["fixtures"])
from chaoslib.loader import parse_experiment_from_file
from chaoslib.experiment import ensure_experiment_is_valid
out = {}
for f in data["files"]:
    try:
        ensure_experiment_is_valid(parse_experiment_from_file(f))
        out[f] = "valid"
    except BaseException as e:
        out[f] = "invalid: %s: %s" % (type(e).__name__, e)
json.dump(out, sys.stdout)
`;

describe('validation parity with chaos validate', async () => {
  const dir = writeCorpus(CASES.map((c) => ({ name: c.name, content: c.content })));
  const files = CASES.map((c) => path.join(dir, c.name));
  const ctk = runPythonOracle<Record<string, string>>(PY, { files, env: { CHAOS_TEST_PRESENT: '42' }, fixtures });
  const report = await validateFiles(files, {
    env,
    vars: emptyVars(),
    findExecutable: executableFinder(env.PATH),
    resolvePython: resolvePython({ python: oraclePython, env }),
  });

  it.each(CASES.map((c, i) => [c.name, c, files[i] as string]))('%s', (_name, c, file) => {
    const ours = report.diagnostics.filter((d) => d.file === file && d.severity === 'error');
    const ctkVerdict = ctk[file] ?? 'missing';
    const expectCtkValid = c.expect === 'valid' || c.ctk === 'valid';
    expect(ctkVerdict.startsWith('valid') ? 'valid' : ctkVerdict, 'chaos validate verdict').toBe(expectCtkValid ? 'valid' : ctkVerdict);
    if (!expectCtkValid) expect(ctkVerdict).toMatch(/^invalid/);
    if (c.expect === 'valid') {
      expect(ours).toEqual([]);
    } else {
      expect(ours.map((d) => d.code)).toContain(c.expect);
      for (const d of ours) {
        expect(d.line).toBeGreaterThan(0);
        expect(d.column).toBeGreaterThan(0);
      }
    }
  });
});
