import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Every temp file of a test run — the tests' own mkdtemp dirs, the CLI's and the Action's children, git
 * fixtures — goes under one directory that is removed when the run ends, however a test exits. Workers
 * and the processes they start inherit TMPDIR, and os.tmpdir() reads it on each call.
 */
export default function setup(): () => void {
  // Run once per project of the workspace: the first sets it, the others keep it (one level, short paths).
  if (path.basename(os.tmpdir()).startsWith('carbon-gate-tests-')) return () => {};
  const root = mkdtempSync(path.join(os.tmpdir(), 'carbon-gate-tests-'));
  // Traversable (not listable) by a throwaway benchmark user (test/action/benchmark-user.test.ts).
  chmodSync(root, 0o711);
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
