import { execFile } from 'node:child_process';
import { CarbonGateError } from '../errors/carbon-gate-error.js';

/**
 * The one helper for git (history branch, worktrees, the base commit's fetch). A failure carries its
 * stderr, so callers can tell "no such branch" from "network down".
 */
export class GitError extends CarbonGateError {
  override readonly name = 'GitError';
  override readonly userFacing = false;
  constructor(
    readonly args: readonly string[],
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args[0] ?? ''} failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
}

export interface GitOptions {
  cwd: string;
  input?: string;
  env?: Record<string, string>;
}

/**
 * Runs git with the CLI (the Action's runners have it, and it honours the checkout's credentials). C locale
 * so messages are stable; never a terminal prompt: a missing credential must fail, not hang the job.
 */
export async function git(args: readonly string[], opts: GitOptions): Promise<string> {
  return (await gitBytes(args, opts)).toString('utf8');
}

/**
 * The most stdout one git command may return; more fails the command. Readers of content they do not
 * control (the history branch) learn sizes first and ask for less than this at a time.
 */
export const GIT_MAX_BUFFER = 256 * 1024 * 1024;

/** As git(), stdout as bytes: `cat-file --batch` sizes are in bytes. */
export function gitBytes(args: readonly string[], opts: GitOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      {
        cwd: opts.cwd,
        encoding: 'buffer',
        maxBuffer: GIT_MAX_BUFFER,
        env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', ...opts.env },
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const code = typeof error.code === 'number' ? error.code : null;
        reject(new GitError(args, code, stderr.toString('utf8') || error.message));
      },
    );
    // git may exit before reading all its input; the exit status reports that, not an EPIPE.
    child.stdin?.on('error', () => {});
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}
