// Runs a user's own Python chaos function (a python provider that is not built in) in a python3
// child process: imports the module, calls the function with the activity's arguments (plus
// `configuration` and `secrets` when the function declares them) and returns its JSON result.
// Any Python exception fails the activity with the Python message, as chaoslib does.
import { spawn } from 'node:child_process';
import { JsonSyntaxError, parseJson } from '../experiment/json-parser.js';
import { substitute } from '../experiment/substitution.js';
import { DEFAULT_LIMITS } from '../contract/limits.js';
import { ActivityFailed, type ProviderContext } from '../contract/provider.js';
import { HeadTail } from '../contract/truncation.js';

const SCRIPT = String.raw`
import datetime, decimal, importlib, inspect, json, sys, traceback, uuid
req = json.load(sys.stdin)
def encode(o):
    if isinstance(o, (datetime.datetime, datetime.date)): return o.isoformat()
    if isinstance(o, (uuid.UUID, decimal.Decimal)): return str(o)
    if isinstance(o, bytes): return o.decode("utf-8", "replace")
    if isinstance(o, (set, tuple)): return list(o)
    if isinstance(o, Exception): return "An exception was raised: %s('%s')" % (type(o).__name__, o)
    return repr(o)
try:
    func = getattr(importlib.import_module(req["module"]), req["func"])
    args = dict(req["arguments"] or {})
    params = inspect.signature(func).parameters
    if "configuration" in params: args["configuration"] = req["configuration"]
    if "secrets" in params: args["secrets"] = req["secrets"]
    result = func(**args)
    out = {"ok": True, "result": result}
except Exception as x:
    out = {"ok": False, "error": traceback.format_exception_only(type(x), x)[-1].strip()}
sys.stdout.write("\n@@chaos-action-result@@" + json.dumps(out, default=encode))
`;

const MARKER = '\n@@chaos-action-result@@';

export interface PythonBridgeOptions {
  readonly python: string;
}

export function pythonBridge(options: PythonBridgeOptions) {
  return async (provider: Readonly<Record<string, unknown>>, ctx: ProviderContext): Promise<unknown> => {
    const args = ctx.hasVariables ? substitute(provider.arguments ?? {}, ctx.scope) : (provider.arguments ?? {});
    const scopes = Array.isArray(provider.secrets) ? provider.secrets : [];
    const secrets: Record<string, unknown> = {};
    for (const s of scopes) Object.assign(secrets, (ctx.secrets as Record<string, Record<string, unknown>>)[String(s)] ?? {});
    const request = JSON.stringify({ module: provider.module, func: provider.func, arguments: args, configuration: ctx.configuration, secrets });
    const { stdout, stderr, code } = await runPython(options.python, request, ctx);
    const at = stdout.lastIndexOf(MARKER);
    if (at < 0) throw new ActivityFailed(`python3 ended (${code}) without a result: ${stderr.trim().split('\n').at(-1) ?? ''}`);
    // The result comes last: it is whole unless it alone is over max-output (then the cut is in it).
    if (stdout.indexOf('[chaos-action truncated:', at) >= 0) {
      throw new ActivityFailed(`the python function's result is larger than max-output (${maxOutput(ctx)} bytes)`);
    }
    // Python's json writes NaN and Infinity; our JSON reader takes them as Python does.
    let answer: { ok: boolean; result?: unknown; error?: string };
    try {
      answer = parseJson(stdout.slice(at + MARKER.length)).value as typeof answer;
    } catch (e) {
      // Our JSON reader's limits (README "Limits"), e.g. a result nested more than 256 levels deep.
      if (e instanceof JsonSyntaxError) throw new ActivityFailed(`the python function's result cannot be read: ${e.message}`);
      throw e;
    }
    if (!answer.ok) throw new ActivityFailed(answer.error ?? 'the python function failed');
    return answer.result ?? null;
  };
}

function runPython(python: string, input: string, ctx: ProviderContext): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    if (ctx.signal.aborted) {
      // Never start a function (it may have side effects) once the run is interrupted.
      const e = new Error('the python activity was interrupted before it started');
      e.name = 'AbortError';
      reject(e);
      return;
    }
    // chaosaws functions that are not built in read the run's AWS credentials from its env, as boto3 does.
    const child = spawn(python, ['-c', SCRIPT], { env: ctx.env, cwd: ctx.cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    // Drained to the end, at most max-output kept of each (the first and the last half).
    const stdout = new HeadTail(maxOutput(ctx));
    const stderr = new HeadTail(maxOutput(ctx));
    const abort = (): void => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    ctx.signal.addEventListener('abort', abort, { once: true });
    child.stdout.on('data', (d: Buffer) => stdout.push(d));
    child.stderr.on('data', (d: Buffer) => stderr.push(d));
    child.on('error', (e) => {
      ctx.signal.removeEventListener('abort', abort);
      reject(new ActivityFailed(`cannot start ${python}: ${e.message}`));
    });
    child.on('close', (code) => {
      ctx.signal.removeEventListener('abort', abort);
      if (ctx.signal.aborted) {
        const e = new Error('the python activity was interrupted');
        e.name = 'AbortError';
        reject(e);
      } else resolve({ stdout: text(stdout, 'stdout'), stderr: text(stderr, 'stderr'), code });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

const maxOutput = (ctx: ProviderContext): number => (ctx.limits ?? DEFAULT_LIMITS).maxOutputBytes;
const text = (output: HeadTail, what: string): string => output.text((bytes) => bytes.toString('utf8'), what, 'max-output');
