import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/action/input-error.js';
import { loadTemplate } from '../../src/action/template.js';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-github.js';
import { payload, runAction } from './action-harness.js';

/**
 * Issue 12, item 1: the `template` input must not read anything outside the workspace, anything under
 * `.git/` (actions/checkout leaves the token's `extraheader` in `.git/config`), nor anything but a regular
 * file of at most 256 KiB; the refusal names the input and never quotes the file.
 */

const SECRET = 'AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA==';
const PASSWD_LINE = 'root:x:0:0';

/** A workspace with a checkout-like `.git/config` holding a credential, a template and an outside file. */
function workspace(): { ws: string; outside: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cg-tpl-'));
  const ws = path.join(root, 'ws');
  mkdirSync(path.join(ws, '.git'), { recursive: true });
  writeFileSync(path.join(ws, '.git', 'config'), `[http "https://github.com/"]\n\textraheader = ${SECRET}\n`);
  writeFileSync(path.join(ws, 'mine.hbs'), 'custom template {{verdict.status}}\n');
  const outside = path.join(root, 'outside.txt');
  writeFileSync(outside, `${PASSWD_LINE}:root:/root:/bin/bash\n`);
  return { ws, outside };
}

async function refusal(ws: string, template: string, cwd = ws): Promise<string> {
  const error = await loadTemplate(cwd, template, ws).then(
    (text) => new Error(`read it: ${text.slice(0, 60)}`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  const message = (error as Error).message;
  expect(message.split('\n')).toHaveLength(1);
  expect(message).toMatch(/^input template: /);
  expect(message).not.toContain(SECRET);
  expect(message).not.toContain('extraheader');
  expect(message).not.toContain(PASSWD_LINE);
  return message;
}

describe('loadTemplate: only a regular file inside the workspace, outside .git/, at most 256 KiB', () => {
  it('reads a template inside the workspace, also one the working directory names relatively', async () => {
    const { ws } = workspace();
    expect(await loadTemplate(ws, 'mine.hbs', ws)).toBe('custom template {{verdict.status}}\n');
    mkdirSync(path.join(ws, 'sub'));
    expect(await loadTemplate(path.join(ws, 'sub'), '../mine.hbs', ws)).toContain('custom template');
    symlinkSync('mine.hbs', path.join(ws, 'link.hbs'));
    expect(await loadTemplate(ws, 'link.hbs', ws)).toContain('custom template');
  });

  it('refuses a path that leaves the workspace', async () => {
    const { ws, outside } = workspace();
    expect(await refusal(ws, '../../../../../../../../etc/passwd')).toMatch(/outside the workspace/);
    expect(await refusal(ws, outside)).toMatch(/outside the workspace/);
  });

  it('refuses a symlink in the repository that points outside the workspace', async () => {
    const { ws, outside } = workspace();
    symlinkSync(outside, path.join(ws, 'evil.hbs'));
    symlinkSync('../outside.txt', path.join(ws, 'evil-relative.hbs'));
    expect(await refusal(ws, 'evil.hbs')).toMatch(/outside the workspace/);
    expect(await refusal(ws, 'evil-relative.hbs')).toMatch(/outside the workspace/);
  });

  it('refuses .git/ (named, or through a symlink), whatever the case of the name', async () => {
    const { ws } = workspace();
    symlinkSync('.git/config', path.join(ws, 'comment.hbs'));
    symlinkSync('.git', path.join(ws, 'gitdir'));
    for (const name of [
      '.git/config',
      'comment.hbs',
      'gitdir/config',
      './.git/../.git/config',
      '.GIT/config',
    ])
      expect(await refusal(ws, name)).toMatch(/\.git/);
  });

  it('refuses a working directory outside the workspace', async () => {
    const { ws } = workspace();
    expect(await refusal(ws, 'outside.txt', path.dirname(ws))).toMatch(/outside the workspace/);
  });

  it('refuses what is not a regular file: a directory, a FIFO, a missing file', async () => {
    const { ws } = workspace();
    mkdirSync(path.join(ws, 'dir.hbs'));
    expect(await refusal(ws, 'dir.hbs')).toMatch(/not a regular file/);
    execFileSync('mkfifo', [path.join(ws, 'fifo.hbs')]);
    expect(await refusal(ws, 'fifo.hbs')).toMatch(/not a regular file/);
    expect(await refusal(ws, 'nope.hbs')).toMatch(/not found/);
  });

  it('refuses a file over 256 KiB and binary content, without quoting it', async () => {
    const { ws } = workspace();
    writeFileSync(path.join(ws, 'big.hbs'), `${PASSWD_LINE}\n`.repeat(40_000));
    expect(await refusal(ws, 'big.hbs')).toMatch(/larger than 256 KiB/);
    writeFileSync(path.join(ws, 'bin.hbs'), Buffer.from([0x72, 0x6f, 0xff, 0xfe, 0x00]));
    expect(await refusal(ws, 'bin.hbs')).toMatch(/UTF-8/);
  });
});

describe('the built action: a hostile template input is refused, not posted', () => {
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = await startFakeGitHub();
  });
  afterEach(() => gh.close());

  const SHA = 'a'.repeat(40);
  const report = readFileSync(path.resolve('test/fixtures/action/carbon-report.json'), 'utf8');

  /** The workflow_run half: no benchmarks, the artifact's report is rendered with the template. */
  function reportRun(ws: string, template: string) {
    mkdirSync(path.join(ws, 'art'));
    writeFileSync(path.join(ws, 'art', 'carbon-report.json'), report);
    writeFileSync(
      path.join(ws, 'art', 'carbon-gate-context.json'),
      JSON.stringify({ prNumber: 7, headSha: SHA }),
    );
    gh.pulls.set(7, { head: { sha: SHA, ref: 'x' }, base: { ref: 'main' } });
    const event = payload('workflow_run');
    event.workflow_run.head_sha = SHA;
    return runAction({
      workspace: ws,
      event,
      eventName: 'workflow_run',
      apiUrl: gh.url,
      args: ['report'],
      inputs: { github_token: 'ghs_write', report_dir: 'art', template },
    });
  }

  it.each([
    ['a path out of the workspace', () => '../../../../../../../../etc/passwd'],
    [
      'a repository symlink to .git/config',
      (ws: string) => {
        symlinkSync('.git/config', path.join(ws, 'comment.hbs'));
        return 'comment.hbs';
      },
    ],
  ])('%s: one error line, no comment, nothing of the file in the log or summary', async (_what, name) => {
    const { ws } = workspace();
    const r = await reportRun(ws, name(ws));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error::carbon-gate: input template: .*/);
    for (const text of [r.stdout, r.stderr, r.summary, JSON.stringify([...gh.comments.values()])]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(PASSWD_LINE);
    }
    expect(gh.comments.get(7)).toBeUndefined();
  });

  it('a template inside the workspace is still used for the comment and the summary', async () => {
    const { ws } = workspace();
    const r = await reportRun(ws, 'mine.hbs');
    expect(r.code, r.stdout).toBe(0);
    expect(r.summary).toContain('custom template');
    expect(gh.comments.get(7)?.[0]?.body).toContain('custom template');
  });
});
