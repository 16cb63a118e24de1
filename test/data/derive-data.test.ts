import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
// The reference data lives beside the repository; a checkout without it skips this test.
const sharedDir = resolve(repoRoot, '../shared/data');
const shared = existsSync(sharedDir) ? sharedDir : undefined;
const outDir = mkdtempSync(join(tmpdir(), 'carbon-gate-derive-'));

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('scripts/derive-data.mjs', () => {
  it.skipIf(shared === undefined)('reproduces the committed data/ files byte for byte', () => {
    execFileSync(
      process.execPath,
      [join(repoRoot, 'scripts/derive-data.mjs'), '--shared', shared ?? '', '--out', outDir],
      { stdio: 'pipe' },
    );
    for (const file of [
      'cpu-tdp.json',
      'grid-countries.json',
      'grid-regions.json',
      'cloud-regions.json',
      'reference-values.json',
      'NOTICE.md',
    ]) {
      const derived = readFileSync(join(outDir, file), 'utf8');
      const committed = readFileSync(join(repoRoot, 'data', file), 'utf8');
      // Re-run `npm run derive:data` and commit data/ if this fails after a script change.
      expect(derived, file).toBe(committed);
    }
  });
});
