import { defineConfig } from 'vitest/config';

/**
 * Tests that judge measured energy (A/B regressions, meters against known watts) run in a second
 * group, one file at a time, after everything else: other test files loading the 2 cores would
 * otherwise be counted as the benchmark's energy and blur what they check.
 */
const MEASURING = [
  'test/cli/gate-command.test.ts',
  'test/cli/meter-command.test.ts',
  'test/cli/measured-meters.test.ts',
  'test/cli/fake-proc.test.ts',
  'test/action/ab-engine.test.ts',
  // Its PR regression is judged on measured energy (a 4× workload against the recorded base).
  'test/action/history-e2e.test.ts',
];

export default defineConfig({
  test: {
    globalSetup: ['test/global-tmp.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'main', include: ['test/**/*.test.ts'], exclude: MEASURING } },
      {
        extends: true,
        test: { name: 'measuring', include: MEASURING, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
