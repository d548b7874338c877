// Bundles the compiled CLI (and later the action's main and post steps) into dist/ as ESM for
// node24. `npm run package` first compiles src/ with tsc into build/ (tsconfig.build.json).
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';

// The dist check (test/dist.test.ts) builds into other folders and compares.
const outDir = process.env.CHAOS_ACTION_DIST_DIR ?? 'dist';
const buildDir = process.env.CHAOS_ACTION_BUILD_DIR ?? 'build';

const entries = {
  cli: 'src/cli/index.js',
};

export default Object.entries(entries).map(([name, input]) => ({
  input: `${buildDir}/${input}`,
  output: {
    file: `${outDir}/${name}.js`,
    format: 'es',
    inlineDynamicImports: true,
    banner: name === 'cli' ? '#!/usr/bin/env node' : undefined,
  },
  plugins: [nodeResolve({ preferBuiltins: true }), commonjs(), json()],
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
}));
