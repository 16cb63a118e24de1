import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_BRANCH, isBranchName } from '../../../src/github/history/branch-name.js';
import {
  acceptRecord,
  MAX_HISTORY_BYTES,
  MAX_SKIP_LINES,
  selectRunFiles,
  skipNotices,
  type RunFile,
} from '../../../src/github/history/record-selection.js';
import { recordPath } from '../../../src/github/history/record-path.js';
import { MAX_RECORD_BYTES } from '../../../src/github/history/record.js';
import { fakeRecord } from './git-fixture.js';

/**
 * The rule both readers (the branch's, io/read-records.ts, and the folder's, dashboard/io/read-record-dir.ts)
 * apply before and after reading a file; their io is tested through real branches and folders.
 */
const day = (d: number) => recordPath(new Date(Date.UTC(2025, 0, d)), 'a'.repeat(40), `r${d}`);
const file = (path: string, size = 100, regular?: boolean): RunFile =>
  regular === undefined ? { path, size } : { path, size, regular };

describe('selectRunFiles: which files under runs/ are read', () => {
  it.each<[string, RunFile[], { cap?: number; budget?: number }, string[], [string, RegExp][], number]>([
    [
      'records are read oldest first, whatever the input order',
      [file(day(3)), file(day(1)), file(day(2))],
      {},
      [day(1), day(2), day(3)],
      [],
      0,
    ],
    [
      'other files than .json pass silently',
      [file('runs/README.md'), file('runs/.keep'), file(day(1))],
      {},
      [day(1)],
      [],
      0,
    ],
    [
      'a .json not named as the tool names records',
      [file('runs/notes.json'), file('runs/a\n.json'), file(day(1))],
      {},
      [day(1)],
      [
        // Newest first, as the budget is spent: by name, descending.
        ['runs/notes.json', /not a record file name/],
        ['runs/a\n.json', /not a record file name/],
      ],
      0,
    ],
    [
      'a record in a sub-folder is not a record name',
      [file('runs/x/' + day(1).slice(5))],
      {},
      [],
      [['runs/x/' + day(1).slice(5), /not a record file name/]],
      0,
    ],
    [
      'a link or other non-regular file',
      [file(day(1), 100, false), file(day(2), 100, true)],
      {},
      [day(2)],
      [[day(1), /not a regular file/]],
      0,
    ],
    [
      'over the cap: skipped with size and cap',
      [file(day(1), 5000), file(day(2), 4096)],
      { cap: 4096 },
      [day(2)],
      [[day(1), /5000 bytes, over the 4096-byte cap/]],
      0,
    ],
    [
      'default cap is MAX_RECORD_BYTES',
      [file(day(1), MAX_RECORD_BYTES + 1), file(day(2), MAX_RECORD_BYTES)],
      {},
      [day(2)],
      [[day(1), new RegExp(`over the ${MAX_RECORD_BYTES}-byte cap`)]],
      0,
    ],
    [
      'the budget keeps the newest, counts the oldest left',
      [file(day(1), 40), file(day(2), 40), file(day(3), 40), file(day(4), 40)],
      { budget: 100 },
      [day(3), day(4)],
      [],
      2,
    ],
    [
      'a file that does not fit is passed over, a smaller older one still fits',
      [file(day(1), 10), file(day(2), 80), file(day(3), 50)],
      { budget: 100 },
      [day(1), day(3)],
      [],
      1,
    ],
    [
      'an oversize file takes no budget',
      [file(day(1), 60), file(day(2), 500)],
      { cap: 100, budget: 60 },
      [day(1)],
      [[day(2), /500 bytes/]],
      0,
    ],
    ['nothing', [], {}, [], [], 0],
  ])('%s', (_, files, opts, read, skipped, overBudget) => {
    const s = selectRunFiles(files, opts);
    expect(s.read.map((f) => f.path)).toEqual(read);
    expect(s.skipped.map((k) => k.path)).toEqual(skipped.map(([p]) => p));
    s.skipped.forEach((k, i) => expect(k.why).toMatch(skipped[i]![1]));
    expect(s.overBudget).toBe(overBudget);
  });

  it('keeps the caller’s fields (a blob id, a file name) on what it selects', () => {
    const s = selectRunFiles([{ path: day(1), size: 1, oid: 'abc' }]);
    expect(s.read).toEqual([{ path: day(1), size: 1, oid: 'abc' }]);
  });
});

describe('acceptRecord: a read file’s content', () => {
  const now = new Date('2025-02-01T00:00:00Z');
  const at = new Date('2025-01-05T00:00:00Z');
  const rec = fakeRecord('b'.repeat(40), at);
  const path = recordPath(at, 'b'.repeat(40), 'x');
  it.each<[string, string, string | undefined, RegExp | null]>([
    ['a valid record named at its time', path, JSON.stringify(rec), null],
    ['not read back (missing blob)', path, undefined, /missing from the fetched branch/],
    ['not JSON', path, '{', /not JSON/],
    ['not a record', path, '{}', /not a valid record/],
    [
      'named at another time',
      recordPath(new Date('2025-01-06T00:00:00Z'), 'b'.repeat(40), 'x'),
      JSON.stringify(rec),
      /createdAt 2025-01-05T00:00:00\.000Z is not the time in its name/,
    ],
    [
      'dated after the reading run',
      recordPath(new Date('2025-03-01T00:00:00Z'), 'b'.repeat(40), 'x'),
      JSON.stringify(fakeRecord('b'.repeat(40), new Date('2025-03-01T00:00:00Z'))),
      /after this run/,
    ],
  ])('%s', (_, p, text, refused) => {
    const r = acceptRecord(p, text, now);
    if (refused === null) expect(r).toEqual({ ok: true, record: rec });
    else expect(r.ok ? '' : r.why).toMatch(refused);
  });
});

describe('skipNotices', () => {
  const skip = (n: number) => Array.from({ length: n }, (_, i) => ({ path: day(i + 1), why: 'bad' }));
  it.each<[string, number, number, string[]]>([
    ['none', 0, 0, []],
    ['one per file', 2, 0, [`history: skipped ${day(1)}: bad`, `history: skipped ${day(2)}: bad`]],
    ['a name quoted', -1, 0, ['history: skipped "runs/a\\n.json": bad']],
    [
      'over the budget',
      0,
      3,
      [`history: skipped the 3 oldest record files: over ${MAX_HISTORY_BYTES} bytes in all`],
    ],
  ])('%s', (_, n, over, want) => {
    const skipped = n < 0 ? [{ path: 'runs/a\n.json', why: 'bad' }] : skip(n);
    expect(skipNotices(skipped, over)).toEqual(want);
  });

  it(`at most ${MAX_SKIP_LINES} lines about files, then the count of the rest`, () => {
    const lines = skipNotices(skip(MAX_SKIP_LINES + 5), 1);
    expect(lines).toHaveLength(MAX_SKIP_LINES + 2);
    expect(lines.at(-2)).toBe('history: skipped 5 more files under runs/');
    expect(lines.at(-1)).toMatch(/skipped the 1 oldest record files/);
  });
});

describe('isBranchName: the data branch (Action input and dashboard --branch)', () => {
  it.each([
    [DEFAULT_DATA_BRANCH, true],
    ['data/co2', true],
    ['_x', true],
    ['v1.2', true],
    ['a'.repeat(200), true],
    ['a'.repeat(201), false],
    ['', false],
    ['-x', false],
    ['--upload-pack=x', false],
    ['.hidden', false],
    ['/a', false],
    ['a..b', false],
    ['a//b', false],
    ['a/', false],
    ['a.', false],
    ['a.lock', false],
    ['a b', false],
    ['a:b', false],
    ['a~1', false],
    ['a\nb', false],
  ])('%j → %s', (name, ok) => expect(isBranchName(name)).toBe(ok));
});
