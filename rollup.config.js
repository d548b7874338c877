// Bundles the CLI (and later the action's main and post steps) into dist/ as ESM for node24.
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';

const entries = {
  cli: 'src/cli/index.ts',
};

export default Object.entries(entries).map(([name, input]) => ({
  input,
  output: {
    file: `dist/${name}.js`,
    format: 'es',
    inlineDynamicImports: true,
    banner: name === 'cli' ? '#!/usr/bin/env node' : undefined,
  },
  plugins: [
    typescript({ tsconfig: './tsconfig.json', include: ['src/**/*.ts'], compilerOptions: { noEmit: false, outDir: 'dist' } }),
    nodeResolve({ preferBuiltins: true }),
    commonjs(),
    json(),
  ],
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
}));
