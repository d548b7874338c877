// boto3 journals every response's HTTP headers under ResponseMetadata.HTTPHeaders; SDK v3 outputs
// do not carry them. A middleware on each client the runtime builds keeps them on the output,
// under a symbol (invisible to JSON and to Object.entries, kept by a spread), where boto-shape.ts reads them.

/** Where an output keeps the headers of the answer it was read from. */
export const HTTP_HEADERS = Symbol.for('chaos-action.httpHeaders');

interface MiddlewareStack {
  add(middleware: unknown, options: { step: string; name: string; priority?: string }): void;
}

type Next = (args: unknown) => Promise<{ output?: unknown; response?: { headers?: Record<string, string> } }>;

/** Adds the middleware to a client (once: clients are cached by the runtime). */
export function keepHttpHeaders(client: unknown): void {
  const stack = (client as { middlewareStack?: MiddlewareStack }).middlewareStack;
  if (!stack) return;
  stack.add(
    (next: Next) => async (args: unknown) => {
      const result = await next(args);
      const headers = result.response?.headers;
      if (headers && result.output && typeof result.output === 'object') {
        Object.defineProperty(result.output, HTTP_HEADERS, { value: { ...headers }, enumerable: true });
      }
      return result;
    },
    { step: 'initialize', name: 'chaosActionHttpHeaders' },
  );
}

/** The headers kept on an SDK output, lower-cased as Node gives them (boto3's are too). */
export function httpHeadersOf(output: unknown): Record<string, string> | undefined {
  if (!output || typeof output !== 'object') return undefined;
  return (output as { [HTTP_HEADERS]?: Record<string, string> })[HTTP_HEADERS];
}
