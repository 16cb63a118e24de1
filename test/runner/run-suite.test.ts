import { afterAll, describe, expect, it } from 'vitest';
import { removeMetricsDirs } from '../../src/runner/io/metrics-channel.js';
import { runSuite } from '../../src/runner/run-suite.js';
import { spawnCommand } from '../../src/runner/io/spawn-command.js';
import type { BenchmarkSpec } from '../../src/runner/types.js';
import { collector } from '../helpers/collect.js';
import { countingMeter } from '../helpers/counting-meter.js';

// The metrics folders spawnCommand makes: a test worker may end without the 'exit' that removes them.
afterAll(removeMetricsDirs);

const spec = (name: string, run: string, extra: Partial<BenchmarkSpec> = {}): BenchmarkSpec => ({
  name,
  kind: 'other',
  run,
  cwd: process.cwd(),
  env: {},
  repeat: 2,
  warmup: 1,
  timeoutS: 30,
  ...extra,
});

describe('runSuite', () => {
  it('a crash and a hang are errors, the others still run', async () => {
    const m = countingMeter();
    const progress: string[] = [];
    const out = collector();
    const runs = await runSuite(
      [
        spec('good', 'echo ok'),
        spec('crash', 'exit 7', { warmup: 0 }),
        spec('hang', 'sleep 30', { warmup: 0, timeoutS: 0.3 }),
        spec('after', 'echo after', { warmup: 0, repeat: 1 }),
      ],
      {
        meter: m.meter,
        spawnBenchmark: (s, onPid) => spawnCommand(s, { prefix: `[${s.name}] `, output: out, onPid }),
        progress: (msg) => progress.push(msg),
      },
    );
    expect(runs.map((r) => [r.spec.name, r.status, r.samples.length])).toEqual([
      ['good', 'ok', 2],
      ['crash', 'error', 1],
      ['hang', 'error', 1],
      ['after', 'ok', 1],
    ]);
    expect(runs[1]!.reason).toBe('repeat 1/2: exited with code 7');
    expect(runs[2]!.reason).toMatch(/^repeat 1\/2: timed out after 0.3 s/);
    // Warmups are not metered: 2 + 1 + 1 + 1 sessions.
    expect(m.sessions()).toBe(5);
    expect(m.tracked.every((p) => p > 0)).toBe(true);
    expect(progress).toContain('[1/4] good: warmup 1/1');
    expect(progress).toContain('[4/4] after: repeat 1/1');
    expect(out.text()).toContain('[after] after');
  });

  it('a failing warmup stops that benchmark before any metered repeat', async () => {
    const m = countingMeter();
    const runs = await runSuite([spec('w', 'exit 1')], {
      meter: m.meter,
      spawnBenchmark: (s, onPid) => spawnCommand(s, { output: collector(), onPid }),
      progress: () => {},
    });
    expect(runs[0]).toMatchObject({ status: 'error', reason: 'warmup 1/1: exited with code 1', samples: [] });
    expect(m.sessions()).toBe(0);
  });

  it.each([
    // [repeats of a, metered runs before the signal, a's outcome]
    [1, 1, ['ok', undefined, 1]],
    [3, 1, ['error', 'interrupted before repeat 2/3', 1]],
    [3, 2, ['error', 'interrupted before repeat 3/3', 2]],
  ] as const)(
    'a signal after run %#: a keeps its repeats so far, the rest are not run',
    async (repeat, runsBefore, [status, reason, samples]) => {
      const m = countingMeter();
      let started = 0;
      const runs = await runSuite([spec('a', 'true', { warmup: 0, repeat }), spec('b', 'true')], {
        meter: m.meter,
        spawnBenchmark: (s, onPid) => {
          started++;
          return spawnCommand(s, { output: collector(), onPid });
        },
        progress: () => {},
        interrupted: () => started >= runsBefore,
      });
      expect([runs[0]!.status, runs[0]!.reason, runs[0]!.samples.length]).toEqual([status, reason, samples]);
      expect([runs[1]!.status, runs[1]!.reason]).toEqual(['error', 'not run: interrupted']);
    },
  );
});
