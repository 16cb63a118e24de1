import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadPrBaseline } from '../../../src/action/history.js';
import { baselineForBase } from '../../../src/github/history/baseline-store.js';
import { loadHistory } from '../../../src/github/history/io/load-history.js';
import { recordPath } from '../../../src/github/history/record-path.js';
import { commitFiles, recordFile, runRecord } from './branch-files.js';
import { makeOrigin } from './git-fixture.js';

/**
 * Security review, items 3 and 4: file names on the data branch are untrusted like their content. A name
 * the tool would not write is skipped with a notice that quotes it (no line break of it reaches the log,
 * so no workflow command either); a record whose createdAt is not the time in its name is skipped, so a
 * hand-added "old" record cannot become the oldest, and so the baseline, of its commit.
 */
const BRANCH = 'carbon-gate-data';
const INJECTED = 'runs/a\n::warning title=INJECTED::forged\n.json';

/** What the runner would read as separate lines: it ends a line at \n, \r or \r\n. */
const runnerLines = (text: string) => text.split(/\r\n|\r|\n/);

/** Everything written to stdout (where core.info and core.warning go) while `fn` runs. */
async function stdoutOf<T>(fn: () => Promise<T>): Promise<{ out: string; value: T }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  try {
    return { value: await fn(), out };
  } finally {
    spy.mockRestore();
  }
}

/** Lines that start a workflow command: only our own warnings may (core.warning escapes their data). */
const commands = (out: string) =>
  runnerLines(out).filter((l) => /^\s*(::|##\[)/.test(l) && !l.startsWith('::warning::carbon-gate: '));

afterEach(() => vi.restoreAllMocks());

describe('file names on the data branch', () => {
  it('a name with line breaks and a workflow command: skipped with one quoted notice, no command in the log', async () => {
    const { origin, main, clone } = makeOrigin(2);
    const genuine = runRecord(main[1]!, new Date('2025-01-01T00:00:00Z'));
    const [, text] = recordFile(genuine);
    commitFiles(origin, BRANCH, Object.fromEntries([recordFile(genuine), [INJECTED, text]]));
    const log: string[] = [];
    const h = await loadHistory(clone(), BRANCH, { log: (m) => log.push(m) });
    expect(h.records.map((r) => r.path)).not.toContain(INJECTED);
    expect(h.records).toHaveLength(1);
    expect(log).toHaveLength(1);
    expect(log[0]).toContain(JSON.stringify(INJECTED));
    expect(log[0]).toMatch(/not a record file name/);

    const { out, value } = await stdoutOf(() => loadPrBaseline(clone(), BRANCH, main[1]!));
    expect(value.baseline).not.toBeNull();
    expect(commands(out)).toEqual([]);
    expect(out).toContain(JSON.stringify(INJECTED));
  });

  it('a record file whose content puts a carriage return and a command into the skip notice: one line', async () => {
    const { origin, main, clone } = makeOrigin(2);
    const name = recordPath(new Date('2025-01-02T00:00:00Z'), main[1]!, 'cr');
    commitFiles(origin, BRANCH, { [name]: 'x\r::warning title=CR::forged\n' });
    const { out } = await stdoutOf(() => loadPrBaseline(clone(), BRANCH, main[1]!));
    expect(out).toContain(name);
    expect(commands(out)).toEqual([]);
    expect(out).not.toMatch(/\r/);
  });

  it('the baseline note quotes a record path it is handed that is not a record name', async () => {
    const sha = 'e'.repeat(40);
    const a = runRecord(sha, new Date('2025-01-01T00:00:00Z'), { runId: '1' });
    const b = runRecord(sha, new Date('2025-01-02T00:00:00Z'), { runId: '2' });
    const data = await baselineForBase(
      [sha],
      [
        { path: INJECTED, record: a },
        { path: recordFile(b)[0], record: b },
      ],
    );
    expect(data!.note).toContain(JSON.stringify(INJECTED));
    expect(runnerLines(data!.note!)).toHaveLength(1);
  });
});

describe('a record whose createdAt is not the time in its name', () => {
  it('a hand-added record dated years before its name is skipped: the oldest genuine record is the baseline', async () => {
    const { origin, main, clone } = makeOrigin(3);
    const genuine = runRecord(main[1]!, new Date('2025-01-01T00:00:00Z'), { energyJ: 10, runId: '41' });
    // Named like a run of 2025-01-05, dated 2020: "oldest wins" would pick it.
    const forged = runRecord(main[1]!, new Date('2020-01-01T00:00:00Z'), { energyJ: 0.01, runId: '40' });
    const [forgedPath, forgedText] = recordFile(forged, new Date('2025-01-05T00:00:00Z'));
    commitFiles(origin, BRANCH, Object.fromEntries([recordFile(genuine), [forgedPath, forgedText]]));

    const log: string[] = [];
    const h = await loadHistory(clone(), BRANCH, { log: (m) => log.push(m) });
    expect(h.records.map((r) => r.record.runId)).toEqual(['41']);
    expect(log.join('\n')).toContain(forgedPath);
    expect(log.join('\n')).toMatch(/createdAt 2020-01-01T00:00:00\.000Z is not the time in its name/);

    const pr = await loadPrBaseline(clone(), BRANCH, main[1]!);
    expect(pr.baseline!.benchmarks.get('tiny')!.energy).toEqual([10, 10, 10]);
  });

  it('a record named and dated alike is read, also with the name’s millisecond precision', async () => {
    const { origin, main, clone } = makeOrigin(2);
    const at = new Date('2025-02-03T04:05:06.789Z');
    commitFiles(origin, BRANCH, Object.fromEntries([recordFile(runRecord(main[1]!, at))]));
    const log: string[] = [];
    const h = await loadHistory(clone(), BRANCH, { log: (m) => log.push(m) });
    expect(h.records).toHaveLength(1);
    expect(log).toEqual([]);
  });
});
