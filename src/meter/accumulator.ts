import { estimatePower, type EstimatorParams, type PowerW } from './estimator-params.js';
import type { Measurement } from './types.js';

/** One reading of the counters the estimator integrates. */
export interface Snapshot {
  /** Monotonic time, s. */
  tS: number;
  /** System CPU counters in any consistent unit (ticks or ms): only their ratio is used. */
  busy: number;
  total: number;
  /** CPU time of the tracked process tree so far, s. */
  treeCpuS: number;
}

/** Power at a utilisation (0..1): a power profile's curve, or zero for meters that measure energy. */
export type PowerCurve = (utilisation: number) => PowerW;

/**
 * Integrates estimated power over successive snapshots (rectangle rule on each interval's mean
 * utilisation, which is exact for a piecewise-linear curve only when utilisation is constant
 * within an interval; shorter intervals follow bursts more closely).
 */
export class EnergyAccumulator {
  private cpuJ = 0;
  private memoryJ = 0;
  private busy = 0;
  private total = 0;
  private intervals = 0;
  private first: Snapshot | null = null;
  private last: Snapshot | null = null;

  private readonly power: PowerCurve;

  /** The estimator's parameters, or any other curve of power against utilisation. */
  constructor(model: EstimatorParams | PowerCurve) {
    this.power = typeof model === 'function' ? model : (u) => estimatePower(model, u);
  }

  add(s: Snapshot): void {
    const prev = this.last;
    this.last = s;
    if (!prev) {
      this.first = s;
      return;
    }
    const dt = s.tS - prev.tS;
    if (dt <= 0) return;
    const dTotal = s.total - prev.total;
    const dBusy = s.busy - prev.busy;
    const u = dTotal > 0 ? Math.min(1, Math.max(0, dBusy / dTotal)) : 0;
    const p = this.power(u);
    this.cpuJ += p.cpu * dt;
    this.memoryJ += p.memory * dt;
    this.busy += Math.max(0, dBusy);
    this.total += Math.max(0, dTotal);
    this.intervals++;
  }

  /** Energy integrated so far, J: the estimator's cumulative reading for task windows. */
  energySoFar(): number {
    return this.cpuJ + this.memoryJ;
  }

  /** `finalTreeCpuS` may come from exact end-of-process accounting, better than the last sample. */
  result(logicalCpus: number, finalTreeCpuS?: number, notes: string[] = []): Measurement {
    const durationS = this.first && this.last ? this.last.tS - this.first.tS : 0;
    const sampled = this.first && this.last ? this.last.treeCpuS - this.first.treeCpuS : 0;
    const processCpuS = Math.max(sampled, finalTreeCpuS ?? 0);
    const utilisation = this.total > 0 ? this.busy / this.total : 0;
    const busyCpuS = utilisation * durationS * logicalCpus;
    return {
      durationS,
      energyJ: this.cpuJ + this.memoryJ,
      breakdownJ: { cpu: this.cpuJ, memory: this.memoryJ, gpu: 0 },
      utilisation,
      processCpuS,
      processShare: busyCpuS > 0 ? Math.min(1, processCpuS / busyCpuS) : 0,
      samples: this.intervals,
      notes,
    };
  }
}
