import { benchPage } from './bench-page.js';
import { CSV_FILE, historyCsv } from './csv.js';
import { indexPage } from './index-page.js';
import { historyOf } from './series.js';
import { benchSlug } from './slug.js';
import type { SiteInput } from './view.js';

export type { SiteInput } from './view.js';

/**
 * The static site as files (relative path → content): index.html, one page per benchmark under b/, and
 * runs.csv. Pure: the CLI (src/cli/commands/dashboard.ts) reads the records and writes these files.
 */
export function buildSite(input: SiteInput): Map<string, string> {
  const h = historyOf(input.records);
  const files = new Map<string, string>([['index.html', indexPage(h, input)]]);
  for (const b of h.benchmarks)
    files.set(`b/${benchSlug(b.name)}.html`, benchPage(b, input, input.budgets?.benchmarks.get(b.name)));
  if (h.runs.length) files.set(CSV_FILE, historyCsv(h));
  return files;
}
