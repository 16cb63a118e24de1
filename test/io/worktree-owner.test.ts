import { execFileSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withWorktree } from '../../src/io/worktree.js';

/**
 * Security review, item 5: with benchmark-user the base side of an A/B runs as that user, so its worktree
 * is given to that user (as the head's checkout would be), without following a symlink the base commit
 * holds. Needs root (chown); uid/gid 65534 need not exist.
 */
const root = process.getuid?.() === 0 && process.platform === 'linux';
const OWNER = { uid: 65534, gid: 65534 };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A repository whose commit holds a file, a directory and a symlink to a root-owned file outside it. */
function repo(): { dir: string; outside: string } {
  const top = mkdtempSync(path.join(os.tmpdir(), 'cg-wt-owner-'));
  dirs.push(top);
  const outside = path.join(top, 'outside.txt');
  writeFileSync(outside, 'root owned\n');
  const dir = path.join(top, 'repo');
  mkdirSync(path.join(dir, 'sub'), { recursive: true });
  git(dir, 'init', '-q');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'user.name', 'test');
  writeFileSync(path.join(dir, 'a.txt'), 'a\n');
  writeFileSync(path.join(dir, 'sub', 'b.txt'), 'b\n');
  symlinkSync(outside, path.join(dir, 'link'));
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'base');
  return { dir, outside };
}

/** Every path under `dir`, `dir` included, without following links. */
function walk(dir: string): string[] {
  const out = [dir];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

describe.runIf(root)('withWorktree with an owner', () => {
  it('gives the whole checkout to the owner; a symlink is changed itself, never what it points to', async () => {
    const { dir, outside } = repo();
    const owners = await withWorktree(
      dir,
      'HEAD',
      async (wt) => walk(wt.dir).map((p) => [path.relative(wt.dir, p), lstatSync(p).uid, lstatSync(p).gid]),
      { owner: OWNER },
    );
    expect(owners.map(([p]) => p)).toEqual(expect.arrayContaining(['', 'a.txt', 'sub', 'sub/b.txt', 'link']));
    for (const [p, uid, gid] of owners) expect([p, uid, gid]).toEqual([p, OWNER.uid, OWNER.gid]);
    expect(statSync(outside).uid).toBe(0);
    expect(lstatSync(path.join(dir, 'a.txt')).uid).toBe(0); // the repository itself is not touched
    expect(git(dir, 'worktree', 'list').trim().split('\n')).toHaveLength(1); // and removed afterwards
  });

  it('without an owner the checkout stays ours', async () => {
    const { dir } = repo();
    const uid = await withWorktree(dir, 'HEAD', async (wt) => lstatSync(path.join(wt.dir, 'a.txt')).uid);
    expect(uid).toBe(0);
  });
});
