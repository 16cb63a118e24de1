import { randomBytes } from 'node:crypto';
import { mkdir, open, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors/usage-error.js';

/**
 * Before any benchmark runs: creates `dir` if needed and checks it is a directory this process can create
 * files in (by creating and removing a probe file, which is what writing the report will do). Anything
 * else is a one-line `UsageError` naming `flag` (exit 2), so a bad `--out` costs no benchmark minutes.
 */
export async function prepareOutDir(dir: string, flag = '--out'): Promise<void> {
  const fail = (why: string): never => {
    throw new UsageError(`${flag} ${shownPath(dir)}: ${why}`);
  };
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    // EEXIST: something other than a directory is there; the check below says what.
    if ((e as { code?: unknown }).code !== 'EEXIST') fail(`cannot create the directory (${reason(e)})`);
  }
  const st = await stat(dir).catch((e: unknown) => fail(`cannot be read (${reason(e)})`));
  if (!st.isDirectory()) fail(`not a directory (${st.isFile() ? 'a file' : 'something else'} is there)`);
  const probe = path.join(dir, `.carbon-gate-probe-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    const handle = await open(probe, 'wx');
    await handle.close();
  } catch (e) {
    fail(`not a writable directory (${reason(e)})`);
  }
  await unlink(probe).catch(() => {});
}

/** One line without the path: "EACCES: permission denied" from Node's "EACCES: permission denied, open '…'". */
export function reason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const line = message.split('\n')[0] ?? message;
  return line.replace(/, \w+ '[^]*$/, '');
}

/** A path as one line: as given, or JSON-quoted when it holds a line break or another control character. */
export function shownPath(p: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(p) ? JSON.stringify(p) : p;
}
