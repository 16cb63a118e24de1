// Bundles the CLI into dist/ (committed: the bin and the action run it without a build step).
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: false,
  legalComments: 'eof',
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __cgCreateRequire } from 'node:module';\nconst require = __cgCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
