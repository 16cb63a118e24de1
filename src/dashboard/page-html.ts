import { xmlEscape } from '../report/pareto-svg.js';

/**
 * The page shell: no script (the Content-Security-Policy forbids any, so a name that slipped through as
 * markup still could not run), no external reference, one inline style sheet for the page and its inline
 * SVG charts, light and dark by prefers-color-scheme.
 */
const CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --grid: #d1d9e0;
  --line: #0969da; --band: rgba(9, 105, 218, 0.16); --warn: #9a6700; --fail: #cf222e; --recent: rgba(9, 105, 218, 0.08); }
@media (prefers-color-scheme: dark) {
  :root { --fg: #f0f6fc; --muted: #9198a1; --bg: #0d1117; --grid: #3d444d;
    --line: #4493f8; --band: rgba(68, 147, 248, 0.22); --warn: #d29922; --fail: #f85149; --recent: rgba(68, 147, 248, 0.1); }
}
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; }
main { max-width: 820px; margin: 0 auto; padding: 16px; }
a { color: var(--line); }
.muted { color: var(--muted); }
.chart { display: block; width: 100%; height: auto; margin: 12px 0; }
.chart text { fill: var(--fg); font-size: 11px; }
.chart .title { font-size: 13px; font-weight: 600; }
.chart .tick { fill: var(--muted); }
.chart .grid { stroke: var(--grid); stroke-width: 1; }
.chart .line { fill: none; stroke: var(--line); stroke-width: 1.5; }
.chart .band { fill: var(--band); stroke: none; }
.chart .whisker { stroke: var(--line); stroke-opacity: 0.5; stroke-width: 1; }
.chart .pt { fill: var(--line); stroke: var(--bg); stroke-width: 1; }
.chart a:hover .pt, .chart a:focus .pt { r: 6; }
.chart .recent { fill: var(--recent); }
.chart .budget { stroke-width: 1.5; stroke-dasharray: 6 4; }
.chart .budget.warn { stroke: var(--warn); } .chart .budget.fail { stroke: var(--fail); }
.chart .budget-label.warn { fill: var(--warn); } .chart .budget-label.fail { fill: var(--fail); }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0 24px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border-bottom: 1px solid var(--grid); padding: 3px 6px; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
meter { width: 100%; height: 18px; }
code { font-size: 13px; }
`;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:";

/** A whole page; `title` is escaped here, `body` is HTML the caller built from escaped parts. */
export function page(title: string, body: string): string {
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<meta name="color-scheme" content="light dark">' +
    `<title>${xmlEscape(title)}</title><style>${CSS}</style></head>` +
    `<body><main>${body}</main></body></html>\n`
  );
}

/** A link when there is a URL, else the text: both escaped. */
export function linkOr(text: string, href: string | undefined): string {
  return href ? `<a href="${xmlEscape(href)}">${xmlEscape(text)}</a>` : xmlEscape(text);
}

/** A table for screen readers: caption, column headers with scope, rows of cells already escaped. */
export function table(
  caption: string,
  headers: readonly string[],
  rows: readonly string[][],
  numeric: readonly number[] = [],
): string {
  const th = headers.map((h) => `<th scope="col">${xmlEscape(h)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        '<tr>' +
        r
          .map((cell, i) =>
            i === 0
              ? `<th scope="row">${cell}</th>`
              : `<td${numeric.includes(i) ? ' class="num"' : ''}>${cell}</td>`,
          )
          .join('') +
        '</tr>',
    )
    .join('');
  return `<table><caption>${xmlEscape(caption)}</caption><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}
