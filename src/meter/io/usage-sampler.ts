import { EnergyAccumulator, type PowerCurve } from '../accumulator.js';
import { attributedJ, quietestPowerW } from '../attribution.js';
import { taskFigures, TaskMarkers } from '../task-markers.js';
import type { SeriesPoint } from '../task-window.js';
import type { MarkerSource, Measurement, TrackAttach } from '../types.js';
import { monotonicS } from './monotonic.js';
import { readReapedChildrenCpuS, readSystemCpu, readTreeCpuS } from './procfs.js';

export interface UsageSamplerOptions {
  /** Idle power, W, for attribution; absent: the quietest sampled interval's (meters without a model). */
  idleW?: number;
  /** A measured cumulative energy, J (RAPL): read at every sample instead of integrating `power`. */
  readEnergyJ?: () => number;
}

/** Readings kept for task windows: a day at 500 ms. Past it the windows are void (a warning), never memory. */
const MAX_SERIES = 200_000;

/**
 * System utilisation and process-tree CPU time over a metering window, the way the estimator samples them,
 * integrating `power` on each interval's utilisation. Meters that measure energy directly (RAPL) pass a zero
 * curve and a counter. Every reading is kept as a cumulative point, so the benchmark's marked windows
 * (task-window.ts) and its attributed share (attribution.ts) come from the same samples as the whole run;
 * a marker triggers a reading at once, so a window's edges are readings, not the nearest tick.
 */
export class UsageSampler {
  private readonly acc: EnergyAccumulator;
  private pid: number | null = null;
  // Tree CPU time only grows; once the tree exits reads return 0, so keep the highest seen.
  private treeCpuS = 0;
  private readonly reapedAtStart = readReapedChildrenCpuS();
  private readonly series: SeriesPoint[] = [];
  private readonly markers: TaskMarkers;
  private source: MarkerSource | undefined;
  /** The runner's process record, told each descendant this sampler's walk sees. */
  private seen: ((pid: number) => void) | undefined;

  constructor(
    power: PowerCurve,
    private readonly logicalCpus: number,
    private readonly opts: UsageSamplerOptions = {},
  ) {
    this.acc = new EnergyAccumulator(power);
    this.sample();
    this.markers = new TaskMarkers(this.series[0]!.tS);
  }

  track(pid: number, attach: TrackAttach = {}): void {
    this.pid = pid;
    const { markers, tree } = attach;
    this.source = markers;
    this.seen = tree?.takeOver();
    markers?.subscribe({
      lines: (lines) => {
        // One reading for the lines read together: they share the moment they were seen.
        if (this.markers.add(lines)) this.sample();
      },
      problem: (text) => this.markers.void(text),
    });
  }

  /** A reading now; the interval tick also catches markers a missed file event left unread. */
  tick(): void {
    this.source?.poll();
    this.sample();
  }

  sample(): void {
    const sys = readSystemCpu();
    if (this.pid) this.treeCpuS = Math.max(this.treeCpuS, readTreeCpuS(this.pid, this.seen));
    const tS = monotonicS();
    this.acc.add({ tS, busy: sys.busy, total: sys.total, treeCpuS: this.treeCpuS });
    if (this.series.length >= MAX_SERIES) {
      this.markers.void(`the run outlasted the ${MAX_SERIES} readings kept for task windows`);
      return;
    }
    const energyJ = this.opts.readEnergyJ ? this.opts.readEnergyJ() : this.acc.energySoFar();
    this.series.push({ tS, energyJ, busy: sys.busy, total: sys.total, treeCpuS: this.treeCpuS });
  }

  /**
   * Takes the last sample; the kernel's reaped-children total is exact once the tree has exited. `measured`,
   * read after that last sample: a meter's own energy (RAPL's counters) and notes, in place of the model's
   * integrated figure, before attribution splits it.
   */
  finish(
    measured: () => Partial<Pick<Measurement, 'energyJ' | 'breakdownJ' | 'notes'>> = () => ({}),
  ): Measurement {
    this.sample();
    const reapedNow = readReapedChildrenCpuS();
    const exact =
      this.reapedAtStart !== null && reapedNow !== null ? reapedNow - this.reapedAtStart : undefined;
    const m = { ...this.acc.result(this.logicalCpus, exact, []), ...measured() };
    const idleW = this.opts.idleW ?? quietestPowerW(this.series) ?? 0;
    m.attributedJ = attributedJ(
      {
        durationS: m.durationS,
        energyJ: m.energyJ,
        busy: m.utilisation,
        total: 1,
        treeCpuS: m.processCpuS,
      },
      this.logicalCpus,
      idleW,
    );
    const task = taskFigures(this.markers, this.series, (span) => attributedJ(span, this.logicalCpus, idleW));
    if ('warning' in task) m.warnings = [...(m.warnings ?? []), task.warning];
    else if (task.figures) m.task = task.figures;
    return m;
  }
}
