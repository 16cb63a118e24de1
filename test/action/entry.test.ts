import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { payload, runAction } from './action-harness.js';

/**
 * Issue 14, first hour 5 and 7: the action's module runs nothing on import (index.ts calls its run(), as
 * GitHub's local-action runner does), and a run that stops before any report still writes the job summary
 * and says where the config was looked for.
 */
describe('the action entry', () => {
  it('src/action/main.ts exports run() and runs nothing on import', async () => {
    const before = process.exitCode;
    const mod = await import('../../src/action/main.js');
    expect(typeof mod.run).toBe('function');
    expect(process.exitCode).toBe(before); // no setFailed on import
  });

  it('a missing config: the step fails naming the directory searched, and the summary says so', async () => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'cg-no-config-'));
    const r = await runAction({
      workspace,
      inputs: { 'github-token': 'ghs_input', comment: 'never' },
      event: payload('push'),
      eventName: 'push',
      apiUrl: 'http://127.0.0.1:9',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `::error::carbon-gate: carbon-gate.yml: file not found (looked in ${workspace})`,
    );
    expect(r.outputs.status).toBe('error');
    expect(r.summary).toContain('## 💥 error carbon-gate: no report');
    expect(r.summary).toContain('file not found');
  });
});
