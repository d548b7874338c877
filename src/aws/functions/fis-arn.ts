// The ARNs FIS answers with that @aws-sdk/client-fis 3.523.0 drops: its model predates
// `experiment.arn` and `experimentTemplate.arn`, so its deserializer leaves them out where boto3
// returns them. (Newer client-fis versions are not in the registry this project installs from;
// when they are, align the version and delete this file.) A middleware keeps the answer's raw
// JSON body, and another copies those ARNs into the output.

interface MiddlewareStack {
  add(middleware: unknown, options: { step: string; name: string; priority?: string }): void;
}

type Context = Record<string | symbol, unknown>;
type Next = (args: unknown) => Promise<{ output?: unknown; response?: { body?: unknown } }>;

const RAW = Symbol('chaos-action.fisRawBody');
const patched = new WeakSet<object>();

async function bytesOf(body: unknown): Promise<Uint8Array | undefined> {
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body && typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const chunks: Uint8Array[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
    return Buffer.concat(chunks);
  }
  return undefined;
}

const record = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** Copies `arn` from the raw answer's `experiment` and `experimentTemplate` where the output lacks it. */
function addArns(output: unknown, raw: unknown): void {
  for (const key of ['experiment', 'experimentTemplate']) {
    const out = record(record(output)?.[key]);
    const arn = record(record(raw)?.[key])?.arn;
    if (out && typeof arn === 'string' && out.arn === undefined) out.arn = arn;
  }
}

/** Makes a FIS client keep the ARNs of its answers (once per client). */
export function withFisArns<C>(client: C): C {
  const stack = (client as { middlewareStack?: MiddlewareStack }).middlewareStack;
  if (!stack || patched.has(stack)) return client;
  patched.add(stack);
  stack.add(
    (next: Next, context: Context) => async (args: unknown) => {
      const result = await next(args);
      const response = result.response;
      const bytes = response ? await bytesOf(response.body) : undefined;
      if (response && bytes) {
        // The deserializer reads the body from here, once more.
        response.body = bytes;
        try {
          context[RAW] = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
        } catch {
          // Not JSON: the deserializer reports it.
        }
      }
      return result;
    },
    { step: 'deserialize', name: 'chaosActionFisRawBody', priority: 'low' },
  );
  stack.add(
    (next: Next, context: Context) => async (args: unknown) => {
      const result = await next(args);
      if (context[RAW] !== undefined) addArns(result.output, context[RAW]);
      return result;
    },
    { step: 'initialize', name: 'chaosActionFisArns' },
  );
  return client;
}
