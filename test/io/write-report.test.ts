import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPORT_FILE, writeReport, writeReportFile } from '../../src/io/write-report.js';
import type { Report } from '../../src/report/types.js';

const dirs: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-write-report-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Only what writeReport touches: it writes any report as JSON; createdAt is the third key, as in build.ts. */
function report(createdAt: string, samples = 0): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'carbon-gate', version: '0.0.0-test' },
    createdAt,
    benchmarks: [
      { name: 'a', samples: Array.from({ length: samples }, (_, i) => ({ repeat: i, energyJ: i })) },
    ],
    notices: ['measured'],
  } as unknown as Report;
}

const readJson = (file: string) =>
  JSON.parse(readFileSync(file, 'utf8')) as { createdAt: string; notices: string[] };

describe('writeReport', () => {
  it('writes carbon-report.json into a new directory and returns its path; no temporary file remains', async () => {
    const out = path.join(tmp(), 'a', 'b');
    const file = await writeReport(report('2025-01-02T03:04:05.678Z'), out);
    expect(file).toBe(path.join(out, REPORT_FILE));
    expect(readJson(file)).toMatchObject({ createdAt: '2025-01-02T03:04:05.678Z', notices: ['measured'] });
    expect(readdirSync(out)).toEqual([REPORT_FILE]);
  });

  it('many concurrent writers and a reader: every read is a whole report, never an empty or cut-off one', async () => {
    const out = tmp();
    const size = JSON.stringify(report('2025-01-01T00:00:00.000Z', 5000)).length;
    expect(size).toBeGreaterThan(100_000);
    let writing = true;
    let reads = 0;
    const bad: string[] = [];
    const reader = (async () => {
      while (writing) {
        const text = await readFile(path.join(out, REPORT_FILE), 'utf8').catch(() => null);
        if (text === null) continue;
        reads++;
        try {
          JSON.parse(text);
        } catch {
          bad.push(`${text.length} bytes`);
        }
      }
    })();
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; i < 10; i++) {
        await writeReport(report(`2025-01-01T00:00:${String(w * 6 + i).padStart(2, '0')}.000Z`, 5000), out);
      }
    });
    await Promise.all(writers);
    writing = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(bad).toEqual([]);
    expect(readdirSync(out)).toEqual([REPORT_FILE]);
  });
});

describe('replacing an earlier report', () => {
  it('nothing there: no notice; a report there: a notice naming when it was created', async () => {
    const out = tmp();
    const first = await writeReportFile(report('2025-01-02T03:04:05.678Z'), out);
    expect(first.report.notices).toEqual(['measured']);
    const second = await writeReportFile(report('2025-01-02T04:00:00.000Z'), out);
    const notice = 'replaced the report of an earlier run, created at 2025-01-02T03:04:05.678Z';
    expect(second.report.notices).toEqual(['measured', notice]);
    expect(readJson(second.file).notices).toEqual(['measured', notice]);
  });

  it('garbage, an empty file or an odd createdAt: the generic notice, and no text of the old file', async () => {
    const out = tmp();
    const file = path.join(out, REPORT_FILE);
    const generic = `replaced a ${REPORT_FILE} that was not a readable report`;
    for (const old of [
      '',
      '\u0000\u00ff garbage {',
      '{"createdAt": "<img src=x onerror=alert(1)>"}',
      '{"createdAt": "2025-01-02T03:04:05.678Z and more"}',
      `{"createdAt": "${'9'.repeat(100)}"}`,
    ]) {
      writeFileSync(file, old);
      const { report: written } = await writeReportFile(report('2025-02-01T00:00:00.000Z'), out);
      expect(written.notices).toEqual(['measured', generic]);
    }
  });

  it('a huge old file: only its head is read', async () => {
    const out = tmp();
    const head = '{"schemaVersion":1,"tool":{},"createdAt":"2025-01-02T03:04:05Z","x":"';
    writeFileSync(path.join(out, REPORT_FILE), head + 'x'.repeat(20 * 1024 * 1024));
    const { report: written } = await writeReportFile(report('2025-02-01T00:00:00.000Z'), out);
    expect(written.notices).toContain(
      'replaced the report of an earlier run, created at 2025-01-02T03:04:05Z',
    );
  });

  it('a symbolic link at the report path is replaced, not followed: its target is unchanged', async () => {
    const dir = tmp();
    const out = path.join(dir, 'out');
    mkdirSync(out);
    const target = path.join(dir, 'precious.txt');
    writeFileSync(target, 'keep me\n');
    symlinkSync(target, path.join(out, REPORT_FILE));
    const { report: written, file } = await writeReportFile(report('2025-02-01T00:00:00.000Z'), out);
    expect(readFileSync(target, 'utf8')).toBe('keep me\n');
    expect(lstatSync(file).isFile()).toBe(true);
    expect(written.notices.at(-1)).toMatch(/^replaced a symbolic link named carbon-report\.json/);
  });

  it.runIf(process.platform !== 'win32')(
    'a FIFO at the report path: not opened for a blocking read',
    async () => {
      const out = tmp();
      execFileSync('mkfifo', [path.join(out, REPORT_FILE)]);
      const { report: written, file } = await writeReportFile(report('2025-02-01T00:00:00.000Z'), out);
      expect(written.notices.at(-1)).toBe(`replaced a ${REPORT_FILE} that was not a regular file`);
      expect(lstatSync(file).isFile()).toBe(true);
    },
  );

  it('a failed write leaves no temporary file and the old content in place', async () => {
    const out = tmp();
    // A non-empty directory where the report goes: the rename fails.
    mkdirSync(path.join(out, REPORT_FILE, 'inside'), { recursive: true });
    await expect(writeReport(report('2025-02-01T00:00:00.000Z'), out)).rejects.toThrow();
    expect(readdirSync(out)).toEqual([REPORT_FILE]);
    expect(existsSync(path.join(out, REPORT_FILE, 'inside'))).toBe(true);
  });
});
