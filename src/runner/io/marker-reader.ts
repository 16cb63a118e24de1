import { closeSync, constants, fstatSync, openSync, readSync, watch, type FSWatcher } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { monotonicS } from '../../meter/io/monotonic.js';
import { MARKER_LIMITS, type MarkerLine } from '../../meter/task-window.js';
import type { MarkerSink, MarkerSource } from '../../meter/types.js';

// Never block on a FIFO or a device, never follow a link (0 where the OS has none).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);
const CHUNK = 4096;

/**
 * Follows the task markers a benchmark appends to $CARBON_GATE_MARKERS_FILE while it runs
 * (src/meter/task-window.ts has the format). The file is one carbon-gate made empty, in its private
 * folder, and opened before the benchmark starts: what is read is that file, whatever name the benchmark
 * later puts in its place. The file is watched, so each line reaches the meter (which takes a reading)
 * as soon as it is written; `poll()` catches up should an event be missed. At most MARKER_LIMITS.bytes
 * are read: past that, or when the file cannot be used, the run's windows are void, never the run.
 */
export class MarkerReader implements MarkerSource {
  private fd: number | null = null;
  private watcher: FSWatcher | null = null;
  private offset = 0;
  private partial = '';
  private readonly decoder = new StringDecoder('utf8');
  private problemText: string | null = null;
  private readonly sinks: MarkerSink[] = [];
  private readonly buf = Buffer.alloc(CHUNK);

  constructor(readonly file: string) {
    try {
      this.fd = openSync(file, OPEN_FLAGS);
      if (!fstatSync(this.fd).isFile()) this.fail('not a regular file');
    } catch (e) {
      this.fail(`could not be opened (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      return;
    }
    try {
      this.watcher = watch(file, { persistent: false }, () => this.poll());
      this.watcher.on('error', () => this.stopWatching());
    } catch {
      // No inotify watch left (ENOSPC): the meter's interval tick polls instead.
    }
  }

  subscribe(sink: MarkerSink): void {
    this.sinks.push(sink);
    if (this.problemText !== null) sink.problem(this.problemText);
  }

  poll(): void {
    if (this.fd === null) return;
    try {
      for (;;) {
        const n = readSync(this.fd, this.buf, 0, CHUNK, this.offset);
        if (n === 0) break;
        this.offset += n;
        if (this.offset > MARKER_LIMITS.bytes) return this.fail(`more than ${MARKER_LIMITS.bytes} bytes`);
        this.take(this.decoder.write(this.buf.subarray(0, n)));
      }
    } catch (e) {
      this.fail(`could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }

  /** Reads the rest (a last line without a newline counts), stops following the file and removes it. */
  async close(): Promise<void> {
    this.poll();
    if (this.fd !== null) {
      const rest = this.partial + this.decoder.end();
      this.partial = '';
      if (rest) this.emit([rest]);
    }
    this.release();
    // Run as another user, the file is theirs in carbon-gate's folder: only that name is unlinked.
    await unlink(this.file).catch(() => {});
  }

  private take(text: string): void {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop()!;
    if (lines.length) this.emit(lines);
  }

  private emit(texts: string[]): void {
    const seenS = monotonicS();
    const lines: MarkerLine[] = texts.map((text) => ({ text: text.replace(/\r$/, ''), seenS }));
    for (const s of this.sinks) s.lines(lines);
  }

  private fail(problem: string): void {
    if (this.problemText !== null) return;
    this.problemText = problem;
    for (const s of this.sinks) s.problem(problem);
    this.release();
  }

  private stopWatching(): void {
    this.watcher?.close();
    this.watcher = null;
  }

  private release(): void {
    this.stopWatching();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
