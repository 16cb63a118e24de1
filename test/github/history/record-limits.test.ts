import { describe, expect, it } from 'vitest';
import { SUITE_LIMITS } from '../../../src/config/limits.js';
import { appendRun } from '../../../src/github/history/io/append-run.js';
import { loadHistory } from '../../../src/github/history/io/load-history.js';
import { MAX_RECORD_BYTES, parseRecord, toRunRecord } from '../../../src/github/history/record.js';
import { runRecord } from './branch-files.js';
import { makeOrigin } from './git-fixture.js';

/** Issue 12, item 9: a record the config allows is written and read back, never dropped on read. */
const BRANCH = 'carbon-gate-data';

describe('records at the config’s limits', () => {
  it('a record of the maximum number of benchmarks is appended and read back (real git)', async () => {
    const { main, clone } = makeOrigin(1);
    const now = new Date();
    const record = runRecord(main[0]!, now, { benchmarks: SUITE_LIMITS.benchmarks });
    const r = await appendRun({ workspace: clone(), branch: BRANCH, record, now, retentionDays: 400 });
    expect(r.records?.map((x) => x.record.benchmarks.length)).toEqual([SUITE_LIMITS.benchmarks]);
    const h = await loadHistory(clone(), BRANCH);
    expect(h.records).toHaveLength(1);
    expect(h.records[0]!.record.benchmarks).toHaveLength(SUITE_LIMITS.benchmarks);
  });

  it('the largest record the config allows fits the record file cap, escapes and 17-digit floats included', () => {
    // Names and reasons of characters JSON escapes to 6 bytes; every sample's figures at full precision.
    const name = '\u0001'.repeat(100);
    const reason = '\u0001'.repeat(2000);
    const perBenchmark = Math.floor(SUITE_LIMITS.suiteRepeats / SUITE_LIMITS.benchmarks);
    const long = (0.1 + 0.2) * 1e-300; // 17 significant digits and an exponent
    expect(JSON.stringify(long)).toHaveLength(23);
    // Four metrics kept per sample (the budget's three and the quality metric), 64-character names.
    const names = ['a', 'b', 'c', 'd'].map((c) => c.repeat(64));
    const metrics = Object.fromEntries(names.map((n) => [n, long]));
    const sample = { status: 'error' as const, energyJ: long, co2eG: long, durationS: long, metrics };
    const limit = { drop: { fail: 0.01, relative: false } };
    const budget = {
      metric: 'efficiency' as const,
      quality: names[3]!,
      metrics: Object.fromEntries(names.slice(0, 3).map((n) => [n, limit])),
    };
    const benchmarks = Array.from({ length: SUITE_LIMITS.benchmarks }, (_, i) => ({
      name: `${i}${name}`.slice(0, 100),
      status: 'error' as const,
      reason,
      budget,
      samples: Array.from({ length: perBenchmark }, () => sample),
    }));
    const now = new Date('2025-01-01T00:00:00Z');
    const record = toRunRecord(
      {
        createdAt: now.toISOString(),
        config: '\u0001'.repeat(500),
        totals: { energyJ: 0, co2eG: 0 },
        benchmarks,
      },
      { sha: 'f'.repeat(40), ref: `refs/heads/${'\u0001'.repeat(240)}`, runId: '9'.repeat(40), now },
    );
    const text = JSON.stringify(record) + '\n';
    expect(parseRecord(text)).not.toBeNull();
    expect(Object.keys(record.benchmarks[0]!.samples[0]!.metrics ?? {})).toHaveLength(4);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_RECORD_BYTES);
  });
});
