import { recordPath } from '../../src/github/history/record-path.js';
import { toRunRecord, type StoredRecord } from '../../src/github/history/record.js';

/** A record as the production toRunRecord writes it: `repeats` samples per benchmark around `energyJ`. */
export function stored(
  i: number,
  opts: { names?: string[]; repeats?: number; energyJ?: number; start?: number; runId?: string } = {},
): StoredRecord {
  const now = new Date((opts.start ?? Date.UTC(2025, 0, 1)) + i * 3_600_000);
  const sha = (i + 1).toString(16).padStart(40, 'a');
  const benchmarks = (opts.names ?? ['train']).map((name) => ({
    name,
    status: 'pass' as const,
    samples: Array.from({ length: opts.repeats ?? 5 }, (_, k) => ({
      status: 'ok' as const,
      energyJ: (opts.energyJ ?? 100) + i + k,
      co2eG: ((opts.energyJ ?? 100) + i + k) / 1e4,
      durationS: 1,
    })),
  }));
  const record = toRunRecord(
    {
      createdAt: now.toISOString(),
      config: 'carbon-gate.yml',
      totals: { energyJ: 100, co2eG: 0.01 },
      benchmarks,
    },
    { sha, ref: 'refs/heads/main', runId: opts.runId ?? String(1000 + i), now },
  );
  return { path: recordPath(now, sha, `r${i}`), record };
}
