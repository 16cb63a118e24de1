// Bundles the CLI into dist/ (committed: the bin and the action run it without a build step).
import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

/** Settings every bundle shares: Node ESM with a shebang and a CommonJS `require` for bundled deps. */
const common = {
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: false,
  legalComments: 'eof',
  logLevel: 'warning',
};
const requireBanner = [
  '#!/usr/bin/env node',
  "import { createRequire as __cgCreateRequire } from 'node:module';",
  'const require = __cgCreateRequire(import.meta.url);',
];

await build({
  ...common,
  // index: the GitHub Action's entry (action.yml runs.main); same engine, same bundle settings.
  entryPoints: { cli: 'src/cli.ts', index: 'src/action/index.ts' },
  banner: { js: requireBanner.join('\n') },
});

// The TF.js runner: a second bundle, run as a child process per `tfjs` benchmark, so the CLI never loads
// TF.js. Its wasm backend is Emscripten code that reads __dirname, which ESM lacks: the banner defines it.
await build({
  ...common,
  entryPoints: { 'tfjs-runner': 'src/tfjs-runner.ts' },
  banner: {
    js: [
      ...requireBanner,
      "import { fileURLToPath as __cgFileURLToPath } from 'node:url';",
      "import { dirname as __cgDirname } from 'node:path';",
      'const __filename = __cgFileURLToPath(import.meta.url);',
      'const __dirname = __cgDirname(__filename);',
    ].join('\n'),
  },
});

// The wasm backend's binaries ship beside the runner (~1.1 MB), so dist/ works without node_modules
// (the Action's bundle); the runner finds them next to itself.
const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
for (const file of [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
]) {
  copyFileSync(join(wasmDir, file), join('dist', file));
}
