// Bundles the compiled CLI, the action's main and post steps and the merge action's step into dist/ as ESM for
// node24, split into chunks so that each command loads only what it uses (cold start).
// `npm run package` first compiles src/ with tsc into build/ (tsconfig.build.json).
import { existsSync, realpathSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import path from 'node:path';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

// The dist check (test/dist.test.ts) builds into other folders and compares.
const outDir = process.env.CHAOS_ACTION_DIST_DIR ?? 'dist';
const buildDir = process.env.CHAOS_ACTION_BUILD_DIR ?? 'build';
// Our compiled modules, as rollup names them (through symlinks, e.g. a node_modules/.cache one).
const ownModules = [path.resolve(buildDir), ...(existsSync(buildDir) ? [realpathSync(buildDir)] : [])].map((d) => `${d.replaceAll('\\', '/')}/`);

/**
 * Rewrites `import … from 'node:x'` into `process.getBuiltinModule('node:x')`. The ESM facade of
 * a built-in evaluates every lazy getter of the module (node:fs loads fs/promises, readline and
 * the watchers; node:http loads undici): tens of milliseconds of a cold start for nothing.
 * Names may hold a `$` anywhere (rollup renames a clash `module` to `module$1`).
 */
function builtinsWithoutEsmFacades() {
  const IMPORT = /^import\s+(?:([\w$]+)\s*,?\s*)?(?:\*\s+as\s+([\w$]+)\s*)?(?:\{([^}]*)\}\s*)?(?:from\s+)?'(node:[\w/]+)';$/gm;
  return {
    name: 'builtins-without-esm-facades',
    renderChunk(code) {
      const out = code.replace(IMPORT, (_m, dflt, star, named, id) => {
        const get = `process.getBuiltinModule('${id}')`;
        const lines = [];
        if (dflt) lines.push(`const ${dflt} = ${get};`);
        if (star) lines.push(`const ${star} = ${get};`);
        if (named?.trim()) {
          const fields = named
            .split(',')
            .map((n) => n.trim())
            .filter(Boolean)
            .map((n) => n.replace(/^(\S+)\s+as\s+(\S+)$/, '$1: $2'));
          lines.push(`const { ${fields.join(', ')} } = ${get};`);
        }
        return lines.join('\n');
      });
      return { code: out, map: null };
    },
  };
}

/**
 * A chunk's file name, without a content hash: a change to one module rewrites its own chunk, not
 * (through the hashes in every import) a hundred others. The name is rollup's for our modules (the
 * file, or the folder of an index); a package's chunk is named for the package, the packages it is
 * nested in and its file, so that the 30 `index.js` of the AWS SDK do not all read `dist-es`. A name
 * that is taken gets a number (name2.js) in rollup's chunk order, which is deterministic.
 */
function chunkFileName(chunk) {
  const id = (chunk.facadeModuleId ?? chunk.moduleIds.at(-1) ?? '').replace(/^\0/, '').replace(/\?.*$/, '').replaceAll('\\', '/');
  const inPackage = id.split('/node_modules/').slice(1);
  if (ownModules.some((d) => id.startsWith(d)) || !inPackage.length) return `chunks/${chunk.name}.js`;
  const packages = inPackage.map((p) => p.split('/').slice(0, p.startsWith('@') ? 2 : 1));
  const file = inPackage.at(-1).split('/').slice(packages.at(-1).length);
  let leaf = file.at(-1).replace(/\.[cm]?js(on)?$/, '');
  if (leaf === 'index') leaf = file.at(-2) ?? '';
  if (['', 'dist', 'dist-es', 'dist-cjs', 'lib', 'esm', packages.at(-1).at(-1)].includes(leaf)) leaf = '';
  const name = [...packages.flat(), leaf].filter(Boolean).join('-').replaceAll('@', '');
  return `chunks/${name}.js`;
}

/** dist/cli.js is the package's bin: it keeps its run bit, or `npx chaos-action` cannot start it. */
function executableCli() {
  return {
    name: 'executable-cli',
    async writeBundle(options, bundle) {
      if (bundle['cli.js']) await chmod(path.join(options.dir, 'cli.js'), 0o755);
    },
  };
}

export default {
  input: {
    cli: `${buildDir}/src/cli/index.js`,
    main: `${buildDir}/src/action/main.js`,
    post: `${buildDir}/src/action/post.js`,
    merge: `${buildDir}/src/action/merge.js`,
  },
  output: {
    dir: outDir,
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: chunkFileName,
    banner: (chunk) => (chunk.isEntry && chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
  },
  // Minified (names kept for readable stack traces): parsing less code is most of a cold start.
  plugins: [
    nodeResolve({ preferBuiltins: true }),
    commonjs(),
    json(),
    builtinsWithoutEsmFacades(),
    terser({ compress: { passes: 1 }, mangle: false, format: { comments: false } }),
    executableCli(),
  ],
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
};
