import { sig3 } from '../text/format-number.js';
import type { Report } from './types.js';

type Provenance = NonNullable<Report['shards']>[number];

/** Where a shard ran and how it was metered: the fields of its report a reader needs to trust its figures. */
export function provenanceOf(report: Report, index: number): Omit<Provenance, 'status'> {
  const { method: m, carbon: c } = report;
  return {
    index,
    verdict: report.verdict.status,
    machine: report.machine,
    method: {
      cpu: m.cpu,
      gpu: m.gpu,
      powerModel: m.powerModel,
      ...(m.gpuNames ? { gpuNames: m.gpuNames } : {}),
    },
    carbon: {
      region: c.region,
      intensityGPerKwh: c.intensityGPerKwh,
      intensityYear: c.intensityYear,
      source: c.source,
      pue: c.pue,
    },
    benchmarks: report.benchmarks.map((b) => b.name),
  };
}

/** Whether every shard ran on the same kind of machine, with the same meter and grid. */
export function sameProvenance(reports: readonly Report[]): boolean {
  const key = (r: Report) => {
    const p = provenanceOf(r, 1);
    return JSON.stringify([p.machine?.cpuModel, p.machine?.platform, p.method, p.carbon]);
  };
  return reports.every((r) => key(r) === key(reports[0]!));
}

/** One notice line per shard: runner, meter and power model, GPUs, grid and PUE, benchmarks (plain text). */
export function provenanceLine(p: Provenance): string {
  const head = `shard ${p.index}: ${p.status}`;
  // A missing shard's reason is its error entry's and the verdict's already.
  if (p.status === 'missing' || !p.machine || !p.method || !p.carbon) return head;
  const { machine: h, method: m, carbon: c } = p;
  const meter = `${m.cpu}${m.gpu !== 'none' ? ` + ${m.gpu}` : ''} (${m.powerModel})`;
  const gpus = m.gpuNames?.length ? `; GPUs ${m.gpuNames.join(', ')}` : '';
  const grid = `grid ${c.region} ${sig3(c.intensityGPerKwh)} g/kWh (${c.source}, ${c.intensityYear}), PUE ${sig3(c.pue)}`;
  const names = p.benchmarks.length
    ? p.benchmarks.slice(0, 10).join(', ') +
      (p.benchmarks.length > 10 ? ` and ${p.benchmarks.length - 10} more` : '')
    : 'no benchmark';
  return `${head}; ${h.platform}, ${h.cpuModel}, ${h.logicalCpus} CPUs; meter ${meter}${gpus}; ${grid}; ${names}`;
}
