import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { MARKER_LIMITS, type MarkerLine } from '../../src/meter/task-window.js';
import { MarkerReader } from '../../src/runner/io/marker-reader.js';
import { newMetricsFile, removeMetricsDirs } from '../../src/runner/io/metrics-channel.js';

afterAll(removeMetricsDirs);

/** A reader on a fresh markers file, as spawnCommand makes one, and what reached its subscriber. */
function follow(prepare?: (file: string) => void) {
  const { file } = newMetricsFile(undefined, 'markers');
  prepare?.(file);
  const reader = new MarkerReader(file);
  const seen = { lines: [] as MarkerLine[], problems: [] as string[] };
  reader.subscribe({ lines: (l) => seen.lines.push(...l), problem: (p) => seen.problems.push(p) });
  return { file, reader, seen };
}

const texts = (lines: MarkerLine[]) => lines.map((l) => l.text);

describe('MarkerReader', () => {
  it('passes on each complete line as it is appended, and the last one on close', async () => {
    const { file, reader, seen } = follow();
    appendFileSync(file, 'start 1.5\nsto');
    reader.poll();
    expect(texts(seen.lines)).toEqual(['start 1.5']);
    appendFileSync(file, 'p 2\r\nstart');
    reader.poll();
    expect(texts(seen.lines)).toEqual(['start 1.5', 'stop 2']);
    await reader.close();
    expect(texts(seen.lines)).toEqual(['start 1.5', 'stop 2', 'start']);
    expect(seen.problems).toEqual([]);
    expect(existsSync(file)).toBe(false);
  });

  it('stamps lines with the monotonic time they were read', async () => {
    const { file, reader, seen } = follow();
    const before = Number(process.hrtime.bigint()) / 1e9;
    appendFileSync(file, 'start\n');
    reader.poll();
    const after = Number(process.hrtime.bigint()) / 1e9;
    expect(seen.lines[0]!.seenS).toBeGreaterThanOrEqual(before);
    expect(seen.lines[0]!.seenS).toBeLessThanOrEqual(after);
    await reader.close();
  });

  it('hears of appended lines through the file watch, without a poll', async () => {
    const { file, reader, seen } = follow();
    appendFileSync(file, 'start\n');
    for (let i = 0; i < 200 && !seen.lines.length; i++) await new Promise((r) => setTimeout(r, 10));
    expect(texts(seen.lines)).toEqual(['start']);
    await reader.close();
  });

  it(`stops reading past ${MARKER_LIMITS.bytes} bytes, with a problem`, async () => {
    const { file, reader, seen } = follow();
    writeFileSync(file, 'x'.repeat(MARKER_LIMITS.bytes + 10));
    reader.poll();
    expect(seen.problems).toEqual([`more than ${MARKER_LIMITS.bytes} bytes`]);
    appendFileSync(file, '\nstart\n');
    reader.poll();
    expect(seen.lines).toEqual([]);
    await reader.close();
  });

  it('never blocks on a FIFO in its place', async () => {
    const { reader, seen } = follow((file) => {
      rmSync(file);
      execFileSync('mkfifo', [file]);
    });
    reader.poll();
    expect(seen.problems).toEqual(['not a regular file']);
    await reader.close();
  });

  it('never follows a link in its place', async () => {
    const { reader, seen } = follow((file) => {
      rmSync(file);
      symlinkSync('/etc/hostname', file);
    });
    expect(seen.problems).toEqual(['could not be opened (ELOOP)']);
    await reader.close();
  });
});
