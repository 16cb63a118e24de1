import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
// The reference data lives beside the repository; a checkout without it skips this test.
const sharedDir = resolve(repoRoot, '../shared/data');
const shared = existsSync(join(sharedDir, 'specpower/machines.csv')) ? sharedDir : undefined;
const outDir = mkdtempSync(join(tmpdir(), 'carbon-gate-fit-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('scripts/fit-power-model.ts', () => {
  it.skipIf(shared === undefined)(
    'reproduces the committed data/power-model.json and data/specpower-cpus.json',
    () => {
      const model = join(outDir, 'power-model.json');
      const cpus = join(outDir, 'specpower-cpus.json');
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          join(repoRoot, 'scripts/fit-power-model.ts'),
          '--shared',
          shared!,
          '--model',
          model,
          '--cpus',
          cpus,
        ],
        { stdio: 'pipe', cwd: repoRoot },
      );
      // Re-run `npm run fit:power-model` and commit data/ if this fails after a change to the model code.
      expect(readFileSync(model, 'utf8')).toBe(readFileSync(join(repoRoot, 'data/power-model.json'), 'utf8'));
      expect(readFileSync(cpus, 'utf8')).toBe(
        readFileSync(join(repoRoot, 'data/specpower-cpus.json'), 'utf8'),
      );
    },
  );
});
