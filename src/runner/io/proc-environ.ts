import { readFile } from 'node:fs/promises';

/** A read of an environment that has not answered in this long is taken as stalled. */
const STALLED_MS = 1000;

let queue: Promise<unknown> = Promise.resolve();
let stalled = false;

/**
 * Reads a /proc/<pid>/environ, one at a time. The read can stall (a process whose memory is backed by
 * a FUSE file system that does not answer), and a stalled read holds one of libuv's four threads for
 * good; were many issued at once, every file read of carbon-gate's would wait behind them. So they
 * queue, and while one has stalled the others are not read (null, as for a process gone): at most one
 * thread is ever lost, and the callers, under a time limit (spawn-command.ts), go on.
 */
export function readEnviron(path: string): Promise<string | null> {
  if (stalled) return Promise.resolve(null);
  const read = queue.then(() => {
    if (stalled) return null;
    const timer = setTimeout(() => (stalled = true), STALLED_MS);
    timer.unref();
    return readFile(path, 'utf8')
      .then(
        (text) => text,
        () => null,
      )
      .finally(() => {
        clearTimeout(timer);
        stalled = false;
      });
  });
  queue = read;
  return read;
}
