/**
 * Parsers for nvidia-smi's CSV output (`--format=csv,noheader,nounits`). nvidia-smi forbids commas in
 * product names, so a line splits on commas: the index first, the reading last, the name in between.
 */

export interface NvidiaGpu {
  index: number;
  name: string;
}

export type PowerLine =
  | { kind: 'reading'; index: number; name: string; watts: number }
  /** The GPU answered but gave no number: `[N/A]`, `[Not Supported]`, `[Unknown Error]` or junk. */
  | { kind: 'unavailable'; index: number; name: string; value: string }
  /** No GPU index: an error message, a truncated line, anything else. */
  | { kind: 'unreadable'; text: string }
  | { kind: 'blank' };

/**
 * Readings above this are treated as junk: the largest boards draw ~1 kW, and one corrupted number
 * must not dominate a run's energy.
 */
export const MAX_PLAUSIBLE_W = 5000;

// `nounits` drops the " W"; accept it anyway in case a wrapper or an old driver adds it back.
const WATTS = /^(\d+(?:\.\d+)?)(?:\s*W)?$/;
const INDEX = /^\d+$/;

/** One line of `--query-gpu=index,name,power.draw`. */
export function parsePowerLine(line: string): PowerLine {
  const text = line.trim();
  if (text === '') return { kind: 'blank' };
  const fields = text.split(',').map((f) => f.trim());
  const first = fields[0] ?? '';
  if (fields.length < 3 || !INDEX.test(first)) return { kind: 'unreadable', text };
  const index = Number(first);
  const name = fields.slice(1, -1).join(', ');
  const value = fields[fields.length - 1] ?? '';
  const m = WATTS.exec(value);
  const watts = m ? Number(m[1]) : NaN;
  if (!Number.isFinite(watts) || watts > MAX_PLAUSIBLE_W) return { kind: 'unavailable', index, name, value };
  return { kind: 'reading', index, name, watts };
}

/** The output of `--query-gpu=index,name --format=csv,noheader`; lines that do not fit are ignored. */
export function parseGpuList(text: string): NvidiaGpu[] {
  const gpus: NvidiaGpu[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const comma = line.indexOf(',');
    if (comma < 0) continue;
    const index = line.slice(0, comma).trim();
    const name = line.slice(comma + 1).trim();
    if (INDEX.test(index) && name !== '') gpus.push({ index: Number(index), name });
  }
  return gpus;
}
