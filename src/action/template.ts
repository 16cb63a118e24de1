import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { describeValue } from '../config/render.js';
import { placeInside, type Placement } from '../io/inside-dir.js';
import { shippedTemplate } from '../io/shipped-template.js';
import { InputError } from './input-error.js';

const MAX_TEMPLATE_BYTES = 256 * 1024;
const EXPECTED = 'a handlebars template file inside the workspace';

/**
 * The user's template (relative to the working directory `cwd`) when given, else the shipped one.
 * What it renders is posted publicly (the PR comment, the job summary), so the file must be a regular file
 * of at most 256 KiB inside `workspace` with every symlink resolved, and not under `.git/` (actions/checkout
 * leaves the token's `extraheader` in `.git/config`). The path is judged, the file opened, and then the
 * opened file is judged again by its own path (Linux: /proc/self/fd/N), so a directory on the path swapped
 * for a link in between gains nothing; a file with more than one hard link is refused (a hard link to
 * `.git/config` or to a file outside has an innocent path). A refusal is one InputError line that never
 * quotes the file.
 */
export async function loadTemplate(cwd: string, custom?: string, workspace: string = cwd): Promise<string> {
  if (!custom) return shippedTemplate('comment.md.hbs');
  const named = describeValue(custom);
  const fail = (what: string, expected = EXPECTED) =>
    new InputError(`input template: ${named} ${what}; expected ${expected}`);
  let placed;
  try {
    placed = placeInside(path.resolve(cwd, custom), workspace);
  } catch (error) {
    throw fail(`cannot be resolved (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const judge = (p: Placement) => {
    if (!p.ok && p.why === 'outside')
      throw fail('resolves outside the workspace (symlinks followed)', `${EXPECTED} (${workspace})`);
    if (!p.ok) throw fail('is inside .git/', `${EXPECTED}, not one of git’s own files`);
  };
  judge(placed);
  return readBounded(placed.real, fail, async (fd) => {
    if (process.platform !== 'linux') return;
    const opened = await realpath(`/proc/self/fd/${fd}`).catch((error: NodeJS.ErrnoException) => {
      throw fail(`cannot be checked once opened (${error.code ?? 'error'})`);
    });
    judge(placeInside(opened, workspace));
  });
}

async function readBounded(
  file: string,
  fail: (what: string, expected?: string) => InputError,
  judgeOpened: (fd: number) => Promise<void>,
): Promise<string> {
  // O_NONBLOCK: opening a FIFO returns at once (and is refused below) instead of blocking. O_NOFOLLOW: the
  // resolved path must not have become a symlink since. Both are 0 where the platform lacks them.
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);
  const handle = await open(file, flags).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT' ? fail('was not found') : fail(`cannot be read (${error.code ?? 'error'})`);
  });
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw fail('is not a regular file');
    if (info.nlink > 1)
      throw fail('has more than one hard link', 'a template file with one link (not a hard link)');
    await judgeOpened(handle.fd);
    const tooLarge = () => fail('is larger than 256 KiB', 'a handlebars template of at most 256 KiB');
    if (info.size > MAX_TEMPLATE_BYTES) throw tooLarge();
    const buffer = new Uint8Array(MAX_TEMPLATE_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    // The file may have grown since fstat; the bounded read catches that too.
    if (length > MAX_TEMPLATE_BYTES) throw tooLarge();
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length));
    } catch {
      throw fail('is not UTF-8 text', 'a handlebars template (UTF-8 text)');
    }
  } finally {
    await handle.close();
  }
}
