import * as core from '@actions/core';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { createClient } from '../github/client.js';
import type { ActionContext } from '../github/context.js';
import { REPORT_FILE } from '../io/write-report.js';
import type { ActionInputs } from './inputs.js';
import type { ActionOutputs } from './outputs.js';
import { publish } from './publish.js';
import { MAX_REPORT_BYTES, parseReport } from '../report/view-schema.js';
import { CONTEXT_FILE } from './run-action.js';

const contextSchema = z.object({
  prNumber: z.number().int().positive().max(1e9).nullable(),
  headSha: z.string().regex(/^[0-9a-f]{40}$/),
  workflow: z.string().max(300).optional(),
  job: z.string().max(300).optional(),
});

async function readBounded(file: string): Promise<string> {
  if ((await stat(file)).size > MAX_REPORT_BYTES)
    throw new Error(`${path.basename(file)} is larger than ${MAX_REPORT_BYTES / (1024 * 1024)} MiB`);
  return readFile(file, 'utf8');
}

/**
 * Report mode (action/report, in a workflow_run workflow): the artifact a fork's read-only run uploaded is
 * untrusted. The report must pass the schema; the PR number it names must be an open PR whose head is the
 * commit the triggering run built, or no comment is written.
 */
export async function reportMode(
  inputs: ActionInputs,
  ctx: ActionContext,
  event: unknown,
): Promise<ActionOutputs> {
  const dir = path.resolve(ctx.workspace || process.cwd(), inputs.reportDir);
  const parsed = parseReport(await readBounded(path.join(dir, REPORT_FILE)));
  if (!parsed.ok) throw new Error(`the report artifact is not a valid carbon-gate report: ${parsed.error}`);
  const report = parsed.report;
  const run = (event as { workflow_run?: { head_sha?: unknown; name?: unknown } } | undefined)?.workflow_run;
  const meta = contextSchema.safeParse(
    JSON.parse(await readBounded(path.join(dir, CONTEXT_FILE)).catch(() => '{}')),
  );
  let prNumber: number | undefined;
  let refs: Pick<ActionContext, 'headRef' | 'baseRef'> = {};
  if (!meta.success || !meta.data.prNumber)
    core.info('carbon-gate: the artifact names no pull request; comment skipped');
  else if (meta.data.headSha !== run?.head_sha)
    core.warning('carbon-gate: the artifact is not from the triggering run; comment skipped');
  else if (!inputs.githubToken) core.warning('carbon-gate: no github-token; comment skipped');
  else {
    const pr = await verifiedPull(inputs.githubToken, ctx, meta.data.prNumber, meta.data.headSha);
    if (pr) {
      prNumber = meta.data.prNumber;
      refs = pr;
    }
  }
  const commentUrl = await publish(report, inputs, {
    ctx: { ...ctx, ...refs, headSha: meta.success ? meta.data.headSha : undefined },
    prNumber,
    // Every way to no PR above said why, once.
    skipNoted: true,
    key: {
      config: report.config,
      workflow: typeof run?.name === 'string' ? run.name : '',
      job: meta.success ? (meta.data.job ?? '') : '',
    },
    cwd: ctx.workspace || process.cwd(),
  });
  return {
    status: report.verdict.status,
    totalCo2eG: report.totals.co2eG,
    totalEnergyKwh: report.totals.energyKwh,
    reportPath: path.join(dir, REPORT_FILE),
    commentUrl,
  };
}

/**
 * The PR's refs when it is open and its head is still `sha`; null otherwise (a closed PR: a notice, also in
 * the job summary, which publish writes next; a moved head or any API failure: a warning).
 */
async function verifiedPull(token: string, ctx: ActionContext, n: number, sha: string) {
  try {
    const client = createClient(token, ctx.apiUrl, (m) => core.info(`carbon-gate: ${m}`));
    const { data } = await client.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
      owner: ctx.owner,
      repo: ctx.repo,
      pull_number: n,
    });
    if (data.state !== 'open') {
      // Closed or merged before this run finished: nobody is reviewing it, and docs/action.md promises "open".
      core.notice(`carbon-gate: PR #${n} is closed; comment skipped`);
      core.summary.addRaw(`> carbon-gate: PR #${n} is closed; no comment was written.\n\n`);
      return null;
    }
    if (data.head.sha === sha) return { headRef: data.head.ref, baseRef: data.base.ref };
    core.warning(`carbon-gate: PR #${n} has moved on from ${sha.slice(0, 7)}; comment skipped`);
  } catch (e) {
    core.warning(`carbon-gate: cannot read PR #${n}: ${(e as Error).message.slice(0, 200)}; comment skipped`);
  }
  return null;
}
