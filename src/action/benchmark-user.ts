import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { BenchmarkUser } from '../engine/types.js';
import { InputError } from './input-error.js';

const run = promisify(execFile);

/**
 * The input benchmark-user: the local user the benchmarks run as, so that PR code can no longer read the
 * Action's /proc/<pid>/environ (its token, inputs, provider credentials), signal it, or write the workflow
 * command files, all of which belong to the Action's own user. Switching user needs root (a container job,
 * a self-hosted runner running as root). Asking for isolation and silently running without it would be
 * worse than failing, so anything else is an input error.
 */
export async function resolveBenchmarkUser(user: string, uid = process.getuid?.()): Promise<BenchmarkUser> {
  if (uid !== 0)
    throw new InputError(
      'input benchmark-user: switching user needs the Action to run as root (a container job or a root self-hosted runner)',
    );
  const entry = await run('getent', ['passwd', user]).then(
    (r) => r.stdout.trim().split(':'),
    () => null,
  );
  if (!entry || entry.length < 7) throw new InputError(`input benchmark-user: no local user "${user}"`);
  const [, , u, g, , home] = entry;
  const id = { uid: Number(u), gid: Number(g) };
  if (!Number.isInteger(id.uid) || !Number.isInteger(id.gid))
    throw new InputError(`input benchmark-user: cannot read the ids of "${user}"`);
  if (id.uid === 0 || id.gid === 0)
    throw new InputError(
      `input benchmark-user: "${user}" is root or in group root; name an unprivileged user`,
    );
  return { name: user, ...id, home: home || '/' };
}
