import * as core from '@actions/core';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { benchmarkLines } from './config-lines.js';
import type { ReportView } from '../report/view-schema.js';

/** An annotation on the config line of each benchmark that fails or warns, with its reasons. */
export async function annotate(report: ReportView, configPath: string, workspace: string): Promise<void> {
  const flagged = report.benchmarks.filter((b) => b.status !== 'pass');
  if (!flagged.length) return;
  const lines = benchmarkLines(await readFile(configPath, 'utf8').catch(() => ''));
  const file = path.relative(workspace, configPath);
  for (const b of flagged) {
    const why = [...new Set([...(b.reasons ?? []), ...(b.reason ? [b.reason] : [])])].join('; ') || b.status;
    const props = { title: `carbon-gate: ${b.name}`, file, startLine: lines.get(b.name) ?? 1 };
    if (b.status === 'warn') core.warning(why, props);
    else core.error(why, props);
  }
}
