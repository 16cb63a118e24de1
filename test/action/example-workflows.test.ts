import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The example workflows are copied as they are, so they must be least-privilege (issue 12, item 4; the
 * threat model in docs/action.md): top-level `permissions:`, a write permission only where the job needs
 * it and a comment saying why, and actions/checkout with `persist-credentials: false` unless the job pushes.
 */

const DIR = path.resolve('examples/workflows');
const FILES = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));

type Permissions = Record<string, string>;
interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  permissions?: Permissions | string;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown> | string | string[];
  permissions?: Permissions | string;
  jobs: Record<string, Job>;
}

const load = (file: string) => {
  const text = readFileSync(path.join(DIR, file), 'utf8');
  return { text, workflow: parse(text) as Workflow };
};
const events = (w: Workflow) =>
  typeof w.on === 'string' ? [w.on] : Array.isArray(w.on) ? w.on : Object.keys(w.on);
const isCarbonGate = (s: Step) => /^carbon-gate\/carbon-gate(\/action\/(report|merge))?@/.test(s.uses ?? '');
const isCheckout = (s: Step) => /^actions\/checkout@/.test(s.uses ?? '');

/** The permissions a job runs with: its own, else the workflow's. */
function effective(w: Workflow, job: Job): Permissions {
  const p = job.permissions ?? w.permissions;
  if (typeof p !== 'object' || p === null) throw new Error('permissions must be a mapping');
  return p;
}

/** A job that writes the sticky comment: action/report, or the action with a comment mode other than never. */
const comments = (job: Job) =>
  (job.steps ?? []).some(
    (s) => isCarbonGate(s) && (s.uses!.includes('/action/report@') || s.with?.['comment'] !== 'never'),
  );

/** A job that pushes run records: baseline: history, run only for pushes (history-plan.ts appends then). */
const pushesHistory = (w: Workflow, job: Job) =>
  (job.steps ?? []).some((s) => isCarbonGate(s) && s.with?.['baseline'] === 'history') &&
  (/github\.event_name\s*==\s*'push'/.test(job.if ?? '') ||
    (events(w).length === 1 && events(w)[0] === 'push'));

/** A job that publishes to GitHub Pages (actions/deploy-pages needs pages: write and id-token: write). */
const deploysPages = (job: Job) =>
  (job.steps ?? []).some((s) => /^actions\/deploy-pages@/.test(s.uses ?? ''));

describe('example workflows are least-privilege', () => {
  it('there are examples, the fork-safe pair among them', () => {
    expect(FILES).toEqual(
      expect.arrayContaining(['carbon.yml', 'carbon-fork-bench.yml', 'carbon-fork-comment.yml']),
    );
  });

  it('the matrix example: shards that never comment, each uploading its report, merged by action/merge', () => {
    const { workflow } = load('carbon-matrix.yml');
    const bench = workflow.jobs['bench'] as Job & { strategy: { matrix: { include: { shard: number }[] } } };
    const shards = bench.strategy.matrix.include.map((m) => m.shard);
    expect(shards).toEqual([1, 2, 3, 4]);
    const run = bench.steps!.find((s) => /^carbon-gate\/carbon-gate@/.test(s.uses ?? ''))!;
    expect(run.with).toMatchObject({ shard: `\${{ matrix.shard }}/${shards.length}`, comment: 'never' });
    expect(bench.steps!.some((s) => /^actions\/upload-artifact@/.test(s.uses ?? ''))).toBe(true);
    const merge = workflow.jobs['merge']!;
    const step = merge.steps!.find((s) => /^carbon-gate\/carbon-gate\/action\/merge@/.test(s.uses ?? ''))!;
    expect(step.with?.['shards']).toBe(shards.length);
    expect(effective(workflow, bench)['pull-requests']).not.toBe('write');
  });

  describe.each(FILES)('%s', (file) => {
    const { text, workflow } = load(file);

    it('sets top-level permissions as a mapping of read/write/none, never write-all', () => {
      expect(typeof workflow.permissions).toBe('object');
      for (const p of [workflow.permissions, ...Object.values(workflow.jobs).map((j) => j.permissions)]) {
        if (p === undefined) continue;
        expect(typeof p, 'permissions: read-all / write-all grant every scope').toBe('object');
        for (const level of Object.values(p as Permissions))
          expect(['read', 'write', 'none']).toContain(level);
      }
    });

    it('writes only where the job needs it: pull-requests to comment, contents to push history', () => {
      for (const [name, job] of Object.entries(workflow.jobs)) {
        for (const [scope, level] of Object.entries(effective(workflow, job))) {
          if (level !== 'write') continue;
          const allowed =
            (scope === 'pull-requests' && comments(job)) ||
            (scope === 'contents' && pushesHistory(workflow, job)) ||
            ((scope === 'pages' || scope === 'id-token') && deploysPages(job));
          expect(allowed, `${file}: job ${name} has ${scope}: write`).toBe(true);
        }
      }
      // contents: write at the top would reach every job of the workflow.
      expect((workflow.permissions as Permissions)['contents']).not.toBe('write');
    });

    it('says why on every line that grants write', () => {
      for (const line of text.split('\n').filter((l) => /^\s*[\w-]+:\s*write\b/.test(l)))
        expect(line, `${file}: "${line.trim()}" needs a comment`).toMatch(/#\s*\S/);
    });

    it('checks out with persist-credentials: false unless the job pushes, and says so where it does', () => {
      for (const [name, job] of Object.entries(workflow.jobs)) {
        const pushes = effective(workflow, job)['contents'] === 'write';
        for (const step of (job.steps ?? []).filter(isCheckout)) {
          if (pushes) {
            expect(step.with?.['persist-credentials'], `${file}: job ${name}`).not.toBe(false);
          } else {
            expect(step.with?.['persist-credentials'], `${file}: job ${name}`).toBe(false);
          }
        }
      }
      if (Object.values(workflow.jobs).some((j) => effective(workflow, j)['contents'] === 'write'))
        expect(text).toMatch(/#.*credentials.*push|#.*push.*credentials/i);
    });

    it('never runs pull_request_target, and a workflow_run never checks out', () => {
      expect(events(workflow)).not.toContain('pull_request_target');
      if (events(workflow).includes('workflow_run'))
        for (const job of Object.values(workflow.jobs))
          expect((job.steps ?? []).some(isCheckout)).toBe(false);
    });
  });
});
