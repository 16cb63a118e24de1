import { compileTemplate, renderWithinLimit } from '../github/render/render-comment.js';
import type { ReportView } from '../report/view-schema.js';

/**
 * The PR comment's body for other CI systems (GitLab merge-request notes, Jenkins) and local review:
 * rendered by the Action's renderer and template, in full (no GitHub size limit, no PR context). The
 * sticky marker the Action puts above it (src/github/post-comment.ts) is GitHub's business and left out.
 */
export function markdownComment(report: ReportView, template: string): string {
  return renderWithinLimit(compileTemplate(template), report, { marker: '', context: {} }, Infinity).body;
}
