import { grouped, secondsTenths, watts } from '../text/format-number.js';
import { terminalSafe } from '../text/terminal-safe.js';

/** What the integrator keeps per GPU; notes are written from it at the end of a session. */
export interface GpuTrack {
  index: number;
  name: string;
  first: { tS: number; w: number } | null;
  last: { tS: number; w: number } | null;
  /** Energy between the first and last valid readings, J. */
  innerJ: number;
  samples: number;
  skipped: number;
  /** A few of the non-numeric values seen, to say why readings were skipped. */
  skippedValues: Set<string>;
  longestGap: { fromS: number; toS: number } | null;
}

/** Gaps shorter than this are normal jitter; longer ones are worth a note. */
export function noteworthyGapS(intervalS: number): number {
  return Math.max(1, 5 * intervalS);
}

const clip = (text: string) => terminalSafe(text.length > 80 ? `${text.slice(0, 77)}...` : text);

/** Notes on one GPU's readings: none valid, some skipped, long gaps, and held edges. */
export function gpuNotes(t: GpuTrack, startS: number, endS: number, intervalS: number): string[] {
  const label = `GPU ${t.index} (${clip(t.name)})`;
  const why = [...t.skippedValues].map(clip).join(', ');
  if (!t.first || !t.last) {
    const seen = t.skipped > 0 ? `${t.skipped} skipped: ${why}` : 'nvidia-smi printed no line for it';
    return [
      `${label}: no valid power reading in ${secondsTenths(endS - startS)} (${seen}); its energy is counted as 0 J`,
    ];
  }
  const notes: string[] = [];
  const total = t.samples + t.skipped;
  if (t.first.tS >= endS)
    return [
      `${label}: no power reading during the ${secondsTenths(endS - startS)} run; the first one, ${secondsTenths(t.first.tS - endS)} after its end (${watts(t.first.w, 0)}), is assumed throughout`,
    ];
  if (t.skipped > 0)
    notes.push(
      `${label}: ${t.skipped} of ${total} power readings skipped (${why}); power is interpolated across them`,
    );
  const limit = noteworthyGapS(intervalS);
  const lead = t.first.tS - startS;
  if (lead > limit)
    notes.push(
      `${label}: first power reading ${secondsTenths(lead)} after the start; it is assumed to hold back to the start`,
    );
  const gap = t.longestGap;
  if (gap && gap.toS - gap.fromS > limit)
    notes.push(
      `${label}: no power reading for ${secondsTenths(gap.toS - gap.fromS)} (${secondsTenths(gap.fromS - startS)} to ${secondsTenths(gap.toS - startS)} into the run); power is interpolated linearly`,
    );
  const tail = endS - t.last.tS;
  if (tail > limit)
    notes.push(
      `${label}: no power reading in the last ${secondsTenths(tail)}; the last one (${watts(t.last.w, 0)}) is assumed to hold to the end`,
    );
  return notes;
}

/** Notes on nvidia-smi's output as a whole: unreadable lines, and samples that arrived bunched up. */
export function outputNotes(
  samples: number,
  bursts: number,
  unreadable: number,
  firstUnreadable: string,
): string[] {
  const notes: string[] = [];
  if (unreadable > 0)
    notes.push(
      `nvidia-smi printed ${unreadable} unreadable line(s), ignored (first: "${clip(firstUnreadable)}")`,
    );
  // A few bunched samples happen when the event loop is busy; many mean nvidia-smi's output is buffered.
  if (bursts > 2 && bursts > samples / 10)
    notes.push(
      `${bursts} of ${samples} nvidia-smi samples arrived bunched with the previous one; GPU timing is approximate`,
    );
  return notes;
}

/** A process on a metered GPU that is not the benchmark's, seen while it ran. */
export interface ForeignApp {
  gpu: { index: number; name: string };
  pid: number;
  /** Its command name from /proc (15 characters at most). */
  comm: string;
  /** The most GPU memory it was seen holding, MiB; null when nvidia-smi could not say. */
  usedMiB: number | null;
}

/** "GPU 0 (H100) also ran pid 4242 (python3, 20 GiB) during train: its energy includes that load". */
export function foreignAppNote(app: ForeignApp, benchmark: string | undefined): string {
  const mem = app.usedMiB === null ? '' : `, ${grouped(app.usedMiB)} MiB`;
  const comm = app.comm.replace(/[^\w.+-]/g, '?').slice(0, 15);
  const during = benchmark ? clip(benchmark) : 'the benchmark';
  return `GPU ${app.gpu.index} (${clip(app.gpu.name)}) also ran pid ${app.pid} (${comm}${mem}) during ${during}: its energy includes that load`;
}
