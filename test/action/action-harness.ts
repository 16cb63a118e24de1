import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import examples from '@octokit/webhooks-examples' with { type: 'json' };

export const ACTION = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/index.js');

/** A recorded webhook payload from @octokit/webhooks-examples. */
export function payload(event: string, pick: (e: Record<string, unknown>) => boolean = () => true) {
  const entry = (examples as unknown as { name: string; examples: Record<string, unknown>[] }[]).find(
    (e) => e.name === event,
  );
  const found = entry?.examples.find(pick);
  if (!found) throw new Error(`no ${event} example`);
  return structuredClone(found) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Parses the GITHUB_OUTPUT file: `name<<delimiter`, value lines, delimiter. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    while (++i < lines.length && lines[i] !== m[2]) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}

/** Runs the built action as the runner does: INPUT_* env, event file, command files, API URL. */
export function runAction(opts: {
  workspace: string;
  inputs: Record<string, string>;
  event: unknown;
  eventName: string;
  apiUrl: string;
  args?: string[];
  env?: Record<string, string>;
}): Promise<ActionRun> {
  const files = mkdtempSync(path.join(os.tmpdir(), 'cg-runner-'));
  const f = (n: string) => path.join(files, n);
  writeFileSync(f('event.json'), JSON.stringify(opts.event));
  writeFileSync(f('output'), '');
  writeFileSync(f('summary'), '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: opts.eventName,
    GITHUB_EVENT_PATH: f('event.json'),
    GITHUB_OUTPUT: f('output'),
    GITHUB_STEP_SUMMARY: f('summary'),
    GITHUB_API_URL: opts.apiUrl,
    GITHUB_SERVER_URL: 'https://github.test',
    GITHUB_REPOSITORY: 'Codertocat/Hello-World',
    GITHUB_WORKFLOW: 'carbon',
    GITHUB_JOB: 'bench',
    GITHUB_RUN_ID: '42',
    GITHUB_SHA: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_TOKEN: 'ghs_envtoken',
    ACTIONS_RUNTIME_TOKEN: 'runtime-token',
    ...opts.env,
  };
  for (const [k, v] of Object.entries(opts.inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ACTION, ...(opts.args ?? [])], { cwd: opts.workspace, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout,
        stderr,
        outputs: parseOutputs(readFileSync(f('output'), 'utf8')),
        summary: readFileSync(f('summary'), 'utf8'),
      }),
    );
  });
}
