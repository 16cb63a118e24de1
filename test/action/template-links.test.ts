import { linkSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Placement } from '../../src/io/inside-dir.js';

/**
 * Security review, item 2: the template is judged by its path, then opened. What is opened must be what was
 * judged (a directory on the path swapped for a symlink in between: the opened file's own path is judged
 * again), and a hard link, which no path check can see through, is refused.
 */

/** When set, the next placeInside answers this instead of looking: what the check saw before a swap. */
let nextPlacement: ((file: string) => Placement) | null = null;
vi.mock('../../src/io/inside-dir.js', async (original) => {
  const real = await original<typeof import('../../src/io/inside-dir.js')>();
  return {
    ...real,
    placeInside: (file: string, root: string): Placement => {
      const answer = nextPlacement;
      nextPlacement = null;
      return answer ? answer(file) : real.placeInside(file, root);
    },
  };
});
const { loadTemplate } = await import('../../src/action/template.js');
const { InputError } = await import('../../src/action/input-error.js');

const SECRET = 'AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA==';

function workspace(): { ws: string; outside: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cg-tpl-links-'));
  const ws = path.join(root, 'ws');
  mkdirSync(path.join(ws, '.git'), { recursive: true });
  writeFileSync(path.join(ws, '.git', 'config'), `[http "https://github.com/"]\n\textraheader = ${SECRET}\n`);
  writeFileSync(path.join(ws, 'mine.hbs'), 'custom template {{verdict.status}}\n');
  const outside = path.join(root, 'outside.txt');
  writeFileSync(outside, 'outside the workspace\n');
  return { ws, outside };
}

async function refusal(ws: string, template: string): Promise<string> {
  const error = await loadTemplate(ws, template, ws).then(
    (text) => new Error(`read it: ${text.slice(0, 80)}`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  const message = (error as Error).message;
  expect(message.split('\n')).toHaveLength(1);
  expect(message).toMatch(/^input template: /);
  expect(message).not.toContain(SECRET);
  return message;
}

afterEach(() => {
  nextPlacement = null;
});

describe('loadTemplate: the opened file is judged, not only its path', () => {
  it('a directory swapped for a symlink to .git/ after the check: the opened file is in .git/, refused', async () => {
    const { ws } = workspace();
    // At check time `dir` was a plain directory; by the time of the open it is a link to .git.
    symlinkSync('.git', path.join(ws, 'dir'));
    nextPlacement = (file) => ({ ok: true, real: file });
    expect(await refusal(ws, 'dir/config')).toMatch(/\.git/);
  });

  it('a directory swapped for a symlink out of the workspace after the check: refused', async () => {
    const { ws, outside } = workspace();
    symlinkSync(path.dirname(outside), path.join(ws, 'up'));
    nextPlacement = (file) => ({ ok: true, real: file });
    expect(await refusal(ws, 'up/outside.txt')).toMatch(/outside the workspace/);
  });

  it('a hard link to .git/config or to a file outside: refused (more than one link)', async () => {
    const { ws, outside } = workspace();
    linkSync(path.join(ws, '.git', 'config'), path.join(ws, 'hard.hbs'));
    expect(await refusal(ws, 'hard.hbs')).toMatch(/hard link/);
    linkSync(outside, path.join(ws, 'hard-out.hbs'));
    expect(await refusal(ws, 'hard-out.hbs')).toMatch(/hard link/);
  });

  it('an ordinary template, and one reached through a symlink inside the workspace, still load', async () => {
    const { ws } = workspace();
    expect(await loadTemplate(ws, 'mine.hbs', ws)).toContain('custom template');
    symlinkSync('mine.hbs', path.join(ws, 'link.hbs'));
    expect(await loadTemplate(ws, 'link.hbs', ws)).toContain('custom template');
  });
});
