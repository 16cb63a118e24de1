/**
 * RFC 4180 cells: a cell holding a comma, a double quote, CR or LF is quoted, its quotes doubled, so any
 * name reads back as written. A text cell starting with = + - @, a tab or CR is prefixed with ' (OWASP's
 * advice against CSV formula injection): spreadsheets would otherwise run a benchmark name such as
 * `=HYPERLINK(…)` as a formula. Numbers are written as JavaScript prints them (full precision; an exponent
 * for small values, which CSV readers parse); null, undefined and non-finite numbers are empty cells.
 * The one CSV writer: the exports (src/export/codecarbon-csv.ts) and the dashboard's runs.csv use it.
 */
export type Cell = string | number | null | undefined;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** Rows joined with LF, as CodeCarbon's own file (pandas) ends its lines; a final line break. */
export function csvText(rows: readonly (readonly Cell[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}
