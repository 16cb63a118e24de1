import { lstat, readFile, stat } from 'node:fs/promises';

// Reports hold every sample of every benchmark; 64 MiB is far beyond any real one and bounds a bad path.
const MAX_JSON_BYTES = 64 * 1024 * 1024;

export interface ReadJsonOptions {
  /** 'refuse': a symlink is "not a regular file" (lstat); 'follow': the file it points to is read (stat). */
  links: 'follow' | 'refuse';
}

/**
 * Reads a carbon-gate report file as untrusted JSON: a regular file of at most 64 MiB, parsed but not
 * validated (the caller's schema does that). Every problem goes to `fail` as one short reason.
 */
export async function readJsonFile(
  file: string,
  fail: (why: string) => never,
  { links }: ReadJsonOptions,
): Promise<unknown> {
  const info = await (links === 'refuse' ? lstat(file) : stat(file)).catch((e: NodeJS.ErrnoException) =>
    fail(e.code === 'ENOENT' ? 'file not found' : `cannot read (${e.code ?? e.message})`),
  );
  if (!info.isFile()) fail('not a regular file');
  if (info.size > MAX_JSON_BYTES) fail('larger than 64 MiB; not a carbon-gate report');
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) =>
    fail(`cannot read (${e.code ?? e.message})`),
  );
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    // The parser's first line, bounded: it may quote the file's text.
    return fail(`not JSON (${(e as Error).message.split('\n')[0]!.slice(0, 200)})`);
  }
}
