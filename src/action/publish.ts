import * as core from '@actions/core';
import { createClient } from '../github/client.js';
import { significantChange } from '../github/comment-policy.js';
import { summaryUrl, type ActionContext } from '../github/context.js';
import { postComment } from '../github/post-comment.js';
import { stickyMarker } from '../github/render/marker.js';
import { compileTemplate, renderWithinLimit } from '../github/render/render-comment.js';
import type { ViewOptions } from '../github/render/view-model.js';
import type { ActionInputs } from './inputs.js';
import { paretoPoints } from '../report/pareto.js';
import { paretoMarkdown } from '../github/render/pareto-mermaid.js';
import type { ReportView } from '../report/view-schema.js';
import { loadTemplate } from './template.js';

export interface PublishTarget {
  ctx: ActionContext;
  prNumber?: number;
  /** Keys the sticky comment: config label + workflow + job of the benchmark run. */
  key: { config: string; workflow: string; job: string };
  cwd: string;
  /** Without a PR: the caller has said why already (report mode), so no second reason. */
  skipNoted?: boolean;
  /** The history's trend and the team budget's month-to-date use, when the run has them. */
  view?: Pick<ViewOptions, 'trend' | 'team'>;
}

/** Job summary (always, in full, with the Pareto chart when there is one) and the sticky PR comment (when there is a PR and the mode allows). Returns the comment URL. */
export async function publish(report: ReportView, inputs: ActionInputs, t: PublishTarget): Promise<string> {
  // A custom template must lie inside the workspace (it is posted publicly): template.ts.
  const render = compileTemplate(
    await loadTemplate(t.cwd, inputs.template, t.ctx.workspace || process.cwd()),
  );
  const marker = stickyMarker(t.key);
  const view: ViewOptions = {
    marker,
    context: {
      prNumber: t.prNumber,
      headRef: t.ctx.headRef,
      baseRef: t.ctx.baseRef,
      sha: t.ctx.headSha ?? t.ctx.sha,
      summaryUrl: summaryUrl(t.ctx),
    },
    ...t.view,
  };
  // The Pareto chart goes to the summary only: the comment stays short, and the chart is for the whole suite.
  const pareto = paretoMarkdown(paretoPoints(report));
  // Best effort: a runner without job summaries (GITHUB_STEP_SUMMARY unset, as under GitHub's local-action
  // runner without it) loses the summary, never the run's report, outputs or comment.
  await core.summary
    .addRaw(renderWithinLimit(render, report, view, Infinity).body)
    .addRaw(pareto ? `\n\n${pareto}` : '')
    .write()
    .catch((e: unknown) => {
      core.summary.emptyBuffer();
      core.warning(`carbon-gate: no job summary (${e instanceof Error ? e.message : String(e)})`);
    });
  if (!t.prNumber) {
    if (!t.skipNoted) core.info('carbon-gate: no pull request in this event; comment skipped');
    return '';
  }
  if (inputs.comment === 'never') return '';
  if (!inputs.githubToken) {
    core.warning('carbon-gate: no github-token; comment skipped');
    return '';
  }
  const { body, truncated } = renderWithinLimit(render, report, view);
  if (truncated)
    core.info('carbon-gate: the comment was shortened to fit GitHub’s limit; the job summary has it all');
  const client = createClient(inputs.githubToken, t.ctx.apiUrl, (m) => core.info(`carbon-gate: ${m}`));
  const result = await postComment(
    client,
    { owner: t.ctx.owner, repo: t.ctx.repo, issueNumber: t.prNumber },
    {
      mode: inputs.comment,
      marker,
      body,
      facts: {
        status: report.verdict.status,
        changed: significantChange(report.benchmarks.map((b) => b.comparison)),
      },
    },
  );
  if (result.action === 'skipped') {
    (result.reason.startsWith('comment:') ? core.info : core.warning)(`carbon-gate: ${result.reason}`);
    return '';
  }
  core.info(`carbon-gate: comment ${result.action}: ${result.url}`);
  return result.url;
}
