import { randomBytes } from 'node:crypto';

/**
 * Runs `fn` with workflow commands switched off in the job log (`::stop-commands::TOKEN` … `::TOKEN::`):
 * benchmark output is the PR's code, and every line of it reaches the log. The line prefix already keeps
 * `::` commands from starting a line; this also covers forms the runner may honour mid-line. The token is
 * random and lives only in our memory and our own log lines. That stops a benchmark run as another user
 * (benchmark-user) from resuming commands, not one run as our own uid: it can write unprefixed lines to the
 * log through /proc/<our pid>/fd/1, and read the token from our memory (/proc/<our pid>/mem) where ptrace
 * is allowed. Without benchmark-user this guards against accidents, not against a hostile benchmark (see
 * the threat model in docs/action.md). While it is on, our own warnings print as plain lines.
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
