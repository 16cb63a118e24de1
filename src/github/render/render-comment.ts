import Handlebars from 'handlebars';
import type { ReportView } from '../../report/view-schema.js';
import { buildView, type ViewOptions } from './view-model.js';

/** GitHub refuses comment bodies over 65,536 characters; the margin covers the marker and the pointer. */
export const COMMENT_LIMIT = 65_536;
const MARGIN = 1_000;

// A private environment: a user template cannot register helpers or partials that leak into ours.
const hb = Handlebars.create();

/** Wraps every string as SafeString: the view is escaped for markdown already, HTML-escaping twice would garble it. */
function safe(value: unknown): unknown {
  // Empty stays a plain '' so that {{#if x}} is false for it (a SafeString object is always truthy).
  if (typeof value === 'string') return value === '' ? '' : new hb.SafeString(value);
  if (Array.isArray(value)) return value.map(safe);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, safe(v)]));
  }
  return value;
}

export function compileTemplate(source: string): (view: unknown) => string {
  const t = hb.compile(source, { noEscape: false, strict: false });
  return (view) => t(safe(view));
}

/**
 * Renders the comment within GitHub's limit: in full; else without per-repeat tables; else with fewer rows
 * (halving), the template pointing to the job summary for the rest. The summary itself is rendered in full.
 */
export function renderWithinLimit(
  render: (view: unknown) => string,
  report: ReportView,
  opts: ViewOptions,
  limit = COMMENT_LIMIT - MARGIN,
): { body: string; truncated: boolean } {
  const full = render(buildView(report, opts));
  if (full.length <= limit) return { body: full, truncated: false };
  let maxRows = report.benchmarks.length;
  for (;;) {
    const body = render(buildView(report, { ...opts, omitSamples: true, maxRows }));
    if (body.length <= limit || maxRows === 0) {
      // A template that ignores omitted rows can still be too long: cut at a line, never mid-entity.
      const cut =
        body.length <= limit
          ? body
          : body.slice(0, body.lastIndexOf('\n', limit - 200)) + '\n\n… (truncated: see the job summary)\n';
      return { body: cut, truncated: true };
    }
    maxRows = Math.floor(maxRows / 2);
  }
}
