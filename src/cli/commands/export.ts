import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../errors/usage-error.js';
import { codecarbonCsv } from '../../export/codecarbon-csv.js';
import { ExportReportSchema } from '../../export/export-report.js';
import { EXPORT_FORMATS, isExportFormat, type ExportFormat } from '../../export/formats.js';
import { impactFrameworkYaml } from '../../export/impact-framework.js';
import { markdownComment } from '../../export/markdown.js';
import { sciExport } from '../../export/sci.js';
import { readReportFile } from '../../gate/io/read-report.js';
import { firstIssue } from '../../gate/report-schema.js';
import { placeInside } from '../../io/inside-dir.js';
import { shippedTemplate } from '../../io/shipped-template.js';
import { reportSchema } from '../../report/view-schema.js';
import { EXIT } from '../exit-codes.js';
import { parseOptions } from '../parse-options.js';

const FORMATS = EXPORT_FORMATS.join('|');
const DEFAULT_REPORT = '.carbon-gate/carbon-report.json';

export const EXPORT_HELP = `carbon-gate export — write a report in another tool's format

Usage: carbon-gate export --format ${FORMATS} [--report FILE] [--out FILE]

Options:
  --format F      codecarbon-csv    CodeCarbon's emissions.csv columns, one row per benchmark
                  sci               SCI = (E × I + M) / R per benchmark and its disclosures (JSON)
                  impact-framework  an Impact Framework manifest (YAML), one row per repeat
                  markdown          the PR comment's body, for GitLab, Jenkins or local review
  --report FILE   the carbon-report.json to read, inside this directory
                  (default: ${DEFAULT_REPORT})
  --out FILE      write there instead of stdout
  --help          this text

Columns, units and provenance of each format: docs/exports.md.
Exit codes: 0 written, 2 a bad flag or a missing, outside or malformed report.`;

/** `export`: read a report (untrusted: validated, inside the working directory) and write one format. */
export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions('export', args, {
    format: { type: 'string' },
    report: { type: 'string', default: DEFAULT_REPORT },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  });
  if (values.help) {
    process.stdout.write(EXPORT_HELP + '\n');
    return EXIT.ok;
  }
  if (positionals.length)
    throw new UsageError(`export: unexpected argument "${positionals[0]}"; expected --format ${FORMATS}`);
  const format = values.format;
  if (format === undefined) throw new UsageError(`export: --format is required; expected one of ${FORMATS}`);
  if (!isExportFormat(format))
    throw new UsageError(`export: --format "${format}" is not known; expected one of ${FORMATS}`);
  const text = await render(format, await readInside(values.report));
  if (values.out === undefined) {
    process.stdout.write(text);
  } else {
    await mkdir(path.dirname(path.resolve(values.out)), { recursive: true });
    await writeFile(values.out, text);
    process.stderr.write(`carbon-gate: wrote ${values.out} (${format})\n`);
  }
  return EXIT.ok;
}

/** The report, only from inside the working directory (symlinks followed) and never from .git/. */
async function readInside(file: string): Promise<{ data: unknown; file: string }> {
  const placed = placeInside(path.resolve(file), process.cwd());
  if (!placed.ok)
    throw new UsageError(
      `export: --report ${file} ${placed.why === 'git' ? 'is inside .git/' : 'resolves outside the working directory (symlinks followed)'}; expected a carbon-report.json inside ${process.cwd()}`,
    );
  return { data: await readReportFile(placed.real, '--report'), file };
}

async function render(format: ExportFormat, input: { data: unknown; file: string }): Promise<string> {
  const refuse = (issue: string): never => {
    throw new UsageError(`--report ${input.file}: not a carbon-gate report: ${issue}`);
  };
  if (format === 'markdown') {
    const view = reportSchema.safeParse(input.data);
    if (!view.success) refuse(firstIssue(view.error));
    return markdownComment(view.data!, await shippedTemplate('comment.md.hbs'));
  }
  const parsed = ExportReportSchema.safeParse(input.data);
  if (!parsed.success) return refuse(firstIssue(parsed.error));
  const report = parsed.data;
  if (format === 'sci') return JSON.stringify(sciExport(report), null, 2) + '\n';
  if (format === 'impact-framework') return impactFrameworkYaml(report);
  return codecarbonCsv(report, { runtime: `node ${process.version}` });
}
