// Asks a python3 whether the modules and functions that python providers name can be imported,
// and with which signature — in one process for the whole run, as chaoslib's validation does
// with importlib and inspect.
import type { PythonLookup, PythonTarget } from '../python/signature.js';
import { targetKey } from '../python/signature.js';
import { childEnv } from './child-env.js';

const SCRIPT = String.raw`
import importlib, inspect, json, sys
out = {}
for module, func in json.load(sys.stdin):
    key = module + ":" + func
    try:
        mod = importlib.import_module(module)
    except ImportError as e:
        out[key] = {"status": "no-module", "detail": str(e)}
        continue
    except Exception as e:
        out[key] = {"status": "no-module", "detail": "%s: %s" % (type(e).__name__, e)}
        continue
    members = dict(inspect.getmembers(mod, inspect.isfunction))
    members.update(inspect.getmembers(mod, inspect.isbuiltin))
    if func not in members:
        out[key] = {"status": "no-function"}
        continue
    try:
        sig = inspect.signature(members[func])
        params = [{"name": p.name, "kind": p.kind.name, "hasDefault": p.default is not inspect.Parameter.empty} for p in sig.parameters.values()]
    except (TypeError, ValueError):
        params = [{"name": "args", "kind": "VAR_POSITIONAL", "hasDefault": False}, {"name": "kwargs", "kind": "VAR_KEYWORD", "hasDefault": False}]
    out[key] = {"status": "found", "params": params, "builtin": False}
json.dump(out, sys.stdout)
`;

export interface PythonInspectOptions {
  readonly python: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs?: number;
}

export async function inspectPythonFunctions(targets: readonly PythonTarget[], options: PythonInspectOptions): Promise<Map<string, PythonLookup>> {
  const result = new Map<string, PythonLookup>();
  if (targets.length === 0) return result;
  const unique = [...new Map(targets.map((t) => [targetKey(t), t])).values()];
  const failAll = (detail: string): Map<string, PythonLookup> => {
    for (const t of unique) result.set(targetKey(t), { status: 'no-python', detail });
    return result;
  };
  const run = await new Promise<{ code: number | null; stdout: string; stderr: string; error?: Error }>((resolve) => {
    // Loaded on first use: most runs never ask python3 anything.
    const child = process
      .getBuiltinModule('node:child_process')
      .spawn(options.python, ['-c', SCRIPT], { env: childEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr, error });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify(unique.map((t) => [t.module, t.func])));
  });
  if (run.error) return failAll(`${options.python}: ${(run.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : run.error.message}`);
  if (run.code !== 0) return failAll(`${options.python} failed: ${run.stderr.trim().split('\n').at(-1) ?? ''}`);
  try {
    const parsed = JSON.parse(run.stdout) as Record<string, PythonLookup>;
    for (const [k, v] of Object.entries(parsed)) result.set(k, v);
  } catch {
    return failAll(`${options.python} answered something that is not JSON`);
  }
  return result;
}
