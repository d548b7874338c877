// Bundles the compiled CLI and the action's main and post steps into dist/ as ESM for
// node24, split into chunks so that each command loads only what it uses (cold start).
// `npm run package` first compiles src/ with tsc into build/ (tsconfig.build.json).
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

// The dist check (test/dist.test.ts) builds into other folders and compares.
const outDir = process.env.CHAOS_ACTION_DIST_DIR ?? 'dist';
const buildDir = process.env.CHAOS_ACTION_BUILD_DIR ?? 'build';

/**
 * Rewrites `import … from 'node:x'` into `process.getBuiltinModule('node:x')`. The ESM facade of
 * a built-in evaluates every lazy getter of the module (node:fs loads fs/promises, readline and
 * the watchers; node:http loads undici): tens of milliseconds of a cold start for nothing.
 */
function builtinsWithoutEsmFacades() {
  const IMPORT = /^import\s+(?:(\w+|\$\w*)\s*,?\s*)?(?:\*\s+as\s+(\w+)\s*)?(?:\{([^}]*)\}\s*)?(?:from\s+)?'(node:[\w/]+)';$/gm;
  return {
    name: 'builtins-without-esm-facades',
    renderChunk(code) {
      const out = code.replace(IMPORT, (_m, dflt, star, named, id) => {
        const get = `process.getBuiltinModule('${id}')`;
        const lines = [];
        if (dflt) lines.push(`const ${dflt} = ${get};`);
        if (star) lines.push(`const ${star} = ${get};`);
        if (named?.trim()) {
          const fields = named.split(',').map((n) => n.trim()).filter(Boolean).map((n) => n.replace(/^(\S+)\s+as\s+(\S+)$/, '$1: $2'));
          lines.push(`const { ${fields.join(', ')} } = ${get};`);
        }
        return lines.join('\n');
      });
      return { code: out, map: null };
    },
  };
}

export default {
  input: {
    cli: `${buildDir}/src/cli/index.js`,
    main: `${buildDir}/src/action/main.js`,
    post: `${buildDir}/src/action/post.js`,
  },
  output: {
    dir: outDir,
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    banner: (chunk) => (chunk.isEntry && chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
  },
  // Minified (names kept for readable stack traces): parsing less code is most of a cold start.
  plugins: [nodeResolve({ preferBuiltins: true }), commonjs(), json(), builtinsWithoutEsmFacades(), terser({ compress: { passes: 1 }, mangle: false, format: { comments: false } })],
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
};
