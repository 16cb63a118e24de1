import { gpuNotes, outputNotes, type GpuTrack } from './nvidia-notes.js';
import { parsePowerLine, type NvidiaGpu } from './nvidia-parse.js';
import type { GpuEnergy, Measurement } from './types.js';

/**
 * Integrates nvidia-smi power readings per GPU over a session window.
 *
 * Timestamps are the arrival times of the lines: nvidia-smi prints every GPU's line of one sample
 * together, so consecutive lines form one sample (one timestamp) until a GPU index repeats. Between
 * two valid readings power is linear (trapezoid rule); readings that are not numbers are skipped and
 * the gap is bridged by the same line. Before the first and after the last reading power is held
 * constant to the window's edges: nvidia-smi takes a moment to print its first sample and stop()
 * rarely lands on one, and holding the nearest reading is the least-biased guess for those slivers.
 * Energy is kept as a running sum, so a day-long run at 100 ms costs no memory.
 */
export class GpuEnergyIntegrator {
  private readonly tracks = new Map<number, GpuTrack>();
  private sample: { tS: number; seen: Set<number> } | null = null;
  private samples = 0;
  private bursts = 0;
  private unreadable = 0;
  private firstUnreadable = '';

  /**
   * `known`: the GPUs metered, so one that never prints a line still gets a row and a note. With
   * `onlyKnown`, lines of other GPUs (those the benchmark cannot use) are ignored.
   */
  constructor(
    known: NvidiaGpu[],
    private readonly onlyKnown = false,
  ) {
    for (const g of known) this.track(g.index, g.name);
  }

  /** Samples seen so far, valid or not. */
  get sampleCount(): number {
    return this.samples;
  }

  /** One line of output, stamped with the time (s) its chunk arrived, on the window's clock. */
  addLine(line: string, arrivedS: number): void {
    const p = parsePowerLine(line);
    if (p.kind === 'blank') return;
    if (p.kind === 'unreadable') {
      if (this.unreadable++ === 0) this.firstUnreadable = p.text;
      return;
    }
    if (this.onlyKnown && !this.tracks.has(p.index)) return;
    const tS = this.sampleTime(p.index, arrivedS);
    const t = this.track(p.index, p.name);
    if (p.kind === 'unavailable') {
      t.skipped++;
      if (t.skippedValues.size < 3) t.skippedValues.add(p.value);
      return;
    }
    const prev = t.last;
    t.last = { tS, w: p.watts };
    t.samples++;
    if (!prev) {
      t.first = t.last;
      return;
    }
    const dt = tS - prev.tS;
    if (dt <= 0) return;
    t.innerJ += ((prev.w + p.watts) / 2) * dt;
    if (!t.longestGap || dt > t.longestGap.toS - t.longestGap.fromS)
      t.longestGap = { fromS: prev.tS, toS: tS };
  }

  /** The GPU part of a Measurement over [startS, endS]; `notes` come first (e.g. nvidia-smi exited). */
  result(startS: number, endS: number, intervalS: number, notes: string[] = []): Measurement {
    const gpus: GpuEnergy[] = [];
    const out = [...notes];
    const tracks = [...this.tracks.values()].sort((a, b) => a.index - b.index);
    for (const t of tracks) {
      gpus.push({
        index: t.index,
        name: t.name,
        energyJ: energyJ(t, startS, endS),
        samples: t.samples,
        skipped: t.skipped,
      });
      out.push(...gpuNotes(t, startS, endS, intervalS));
    }
    out.push(...outputNotes(this.samples, this.bursts, this.unreadable, this.firstUnreadable));
    const total = gpus.reduce((s, g) => s + g.energyJ, 0);
    return {
      durationS: Math.max(0, endS - startS),
      energyJ: total,
      breakdownJ: { cpu: 0, memory: 0, gpu: total },
      // A GPU meter sees no CPU: the composite meter takes these from the CPU meter.
      utilisation: 0,
      processCpuS: 0,
      processShare: 0,
      samples: 0,
      notes: out,
      gpus,
    };
  }

  /** Lines of one sample share the first line's arrival time; a repeated index starts the next sample. */
  private sampleTime(index: number, arrivedS: number): number {
    if (!this.sample || this.sample.seen.has(index)) {
      // Two samples in one chunk means nvidia-smi's output was held back and the times are off.
      if (this.sample && this.sample.tS === arrivedS) this.bursts++;
      this.sample = { tS: arrivedS, seen: new Set() };
      this.samples++;
    }
    this.sample.seen.add(index);
    return this.sample.tS;
  }

  private track(index: number, name: string): GpuTrack {
    let t = this.tracks.get(index);
    if (!t) {
      t = {
        index,
        name,
        first: null,
        last: null,
        innerJ: 0,
        samples: 0,
        skipped: 0,
        skippedValues: new Set(),
        longestGap: null,
      };
      this.tracks.set(index, t);
    }
    return t;
  }
}

/** Trapezoids between readings plus the first and last readings held to the window's edges. */
function energyJ(t: GpuTrack, startS: number, endS: number): number {
  if (!t.first || !t.last) return 0;
  // A run shorter than nvidia-smi's start-up: its first reading, just after the end, stands for it all.
  if (t.first.tS >= endS) return t.first.w * Math.max(0, endS - startS);
  const lead = Math.max(0, t.first.tS - startS);
  const tail = Math.max(0, endS - t.last.tS);
  return t.innerJ + t.first.w * lead + t.last.w * tail;
}
