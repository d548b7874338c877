// Lets Node run this repository's TypeScript straight from source (node --import this-file, with
// --experimental-transform-types): our sources import each other as `./x.js` (what tsc emits); when
// no such .js file exists, the import resolves to `./x.ts`. Used by the RPO demo to load the
// PostgreSQL harness from test/support, and by tests that run the CLI from source. With CHAOS_ACTION_MODULE_LOG set, every module URL resolved is appended to that file, so
// a test can see what a command loaded (the AWS SDK must not load for a run without AWS).
import { appendFileSync, existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

const log = process.env.CHAOS_ACTION_MODULE_LOG;

registerHooks({
  resolve(specifier, context, next) {
    let result;
    if (specifier.endsWith('.js') && (specifier.startsWith('.') || specifier.startsWith('/')) && context.parentURL?.startsWith('file:')) {
      const url = new URL(specifier, context.parentURL);
      if (!existsSync(fileURLToPath(url))) {
        const ts = new URL(`${url.href.slice(0, -3)}.ts`);
        if (existsSync(fileURLToPath(ts))) result = next(ts.href, context);
      }
    }
    result ??= next(specifier, context);
    if (log) appendFileSync(log, `${result.url}\n`);
    return result;
  },
});
