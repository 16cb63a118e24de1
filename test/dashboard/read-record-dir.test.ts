import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRecordDir } from '../../src/dashboard/io/read-record-dir.js';
import { stored } from './records.js';

/** The folder reader applies the branch reader's rule (record-selection.ts) to real files. */
describe('readRecordDir', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('reads runs/ of a checkout oldest first; skips a bad name, a link, an invalid and a misnamed record', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-dir-'));
    dirs.push(dir);
    const runs = path.join(dir, 'runs');
    mkdirSync(runs);
    const [a, b, c, d] = [0, 1, 2, 3].map((i) => stored(i));
    const put = (p: string, text: string) => writeFileSync(path.join(dir, p), text);
    put(b!.path, JSON.stringify(b!.record));
    put(a!.path, JSON.stringify(a!.record));
    put('runs/notes.json', '{}');
    put('runs/README.md', 'not json: passes silently');
    put(c!.path, '{');
    put(d!.path, JSON.stringify(a!.record)); // a's content under d's time
    const outside = path.join(dir, 'outside.json');
    writeFileSync(outside, JSON.stringify(stored(4).record));
    symlinkSync(outside, path.join(dir, stored(4).path));
    const log: string[] = [];
    const records = await readRecordDir(dir, { now: new Date(), log: (m) => log.push(m) });
    expect(records).toEqual([a, b]);
    expect(log).toHaveLength(4);
    const all = log.join('\n');
    expect(all).toContain('"runs/notes.json": not a record file name');
    expect(all).toContain(`${stored(4).path}: not a regular file`);
    expect(all).toContain(`${c!.path}: not JSON`);
    expect(all).toMatch(
      new RegExp(`${d!.path.replace(/\./g, '\\.')}: createdAt .* is not the time in its name`),
    );
  });
});
