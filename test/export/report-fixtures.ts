import { buildReport } from '../../src/report/build.js';
import { ExportReportSchema, type ExportReport } from '../../src/export/export-report.js';
import type { Report } from '../../src/report/types.js';
import type { BenchmarkRun } from '../../src/runner/types.js';
import { inputs, sample } from '../report/fixtures.js';
import { fullReport } from '../report/full-report.js';

/** A report as the export reads it from disk: through JSON and the export's schema. */
export function asRead(report: Report): ExportReport {
  return ExportReportSchema.parse(JSON.parse(JSON.stringify(report)));
}

/** Every optional field filled: Azure East US, PUE, embodied carbon, functional units, an errored benchmark. */
export const full = (): ExportReport => asRead(fullReport());

/** A benchmark named `name` with GPU energy (part of each repeat's energy) and a marginal grid. */
export function gpuReport(name: string): ExportReport {
  const run: BenchmarkRun = {
    spec: { name, kind: 'inference', run: 'x', cwd: '/tmp', env: {}, repeat: 2, warmup: 0, timeoutS: 60 },
    status: 'ok',
    samples: [1, 2].map((i) => {
      const s = sample(i, 100 * i);
      return {
        ...s,
        measurement: { ...s.measurement, breakdownJ: { cpu: 40 * i, memory: 10 * i, gpu: 50 * i } },
      };
    }),
  };
  const base = inputs();
  return asRead(
    buildReport(
      inputs({
        runs: [run],
        grid: { ...base.grid, method: 'marginal', intensitySource: 'watttime', source: 'WattTime MOER' },
        meter: { ...base.meter, gpu: 'nvidia-smi', gpuNames: ['NVIDIA A100', 'NVIDIA A100', 'NVIDIA T4'] },
      }),
    ),
  );
}
