import { baselineFromReport, type BaselineSource } from '../baseline.js';
import { readReportFile } from './read-report.js';

/** `--baseline FILE`: a previous report. Its runs are separate from this one, so samples are independent. */
export function fileBaseline(file: string): BaselineSource {
  return {
    source: 'file',
    async load() {
      const report = await readReportFile(file, 'baseline');
      return baselineFromReport(report, { source: 'file', ref: file, method: 'independent' });
    },
  };
}
