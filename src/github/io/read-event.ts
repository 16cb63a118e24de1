import { readFile, stat } from 'node:fs/promises';

/** The webhook payload at GITHUB_EVENT_PATH; undefined when absent, unreadable or unreasonably large. */
export async function readEvent(file: string | undefined): Promise<unknown> {
  if (!file) return undefined;
  try {
    if ((await stat(file)).size > 25 * 1024 * 1024) return undefined;
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}
