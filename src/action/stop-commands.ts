import { randomBytes } from 'node:crypto';

/**
 * Runs `fn` with workflow commands switched off in the job log (`::stop-commands::TOKEN` … `::TOKEN::`):
 * benchmark output is the PR's code, and every line of it reaches the log. The line prefix already keeps
 * `::` commands from starting a line; this also covers forms the runner may honour mid-line. The token is
 * random and lives only in our memory and our own log lines, so a benchmark cannot resume commands.
 * While it is on, our own warnings print as plain lines.
 */
export async function withCommandsStopped<T>(
  write: (line: string) => void,
  fn: () => Promise<T>,
): Promise<T> {
  const token = `carbon-gate-${randomBytes(16).toString('hex')}`;
  write(`::stop-commands::${token}\n`);
  try {
    return await fn();
  } finally {
    write(`::${token}::\n`);
  }
}
