/**
 * Parsers for nvidia-smi's CSV output (`--format=csv,noheader,nounits`). nvidia-smi forbids commas in
 * product names, so a line splits on commas: the index first, the reading last, the name in between.
 */

export interface NvidiaGpu {
  index: number;
  /** `GPU-…`, as CUDA_VISIBLE_DEVICES and the compute-apps query name the board. */
  uuid: string;
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

/** The output of `--query-gpu=index,uuid,name --format=csv,noheader`; lines that do not fit are ignored. */
export function parseGpuList(text: string): NvidiaGpu[] {
  const gpus: NvidiaGpu[] = [];
  for (const raw of text.split('\n')) {
    const [index = '', uuid = '', ...rest] = raw.split(',').map((f) => f.trim());
    const name = rest.join(', ');
    if (INDEX.test(index) && uuid !== '' && name !== '') gpus.push({ index: Number(index), uuid, name });
  }
  return gpus;
}

/** One process on a GPU, from `--query-compute-apps=pid,gpu_uuid,used_memory --format=csv,noheader,nounits`. */
export interface ComputeApp {
  pid: number;
  gpuUuid: string;
  /** MiB; null when nvidia-smi cannot say ([N/A], as under some virtualisation). */
  usedMiB: number | null;
}

export function parseComputeApps(text: string): ComputeApp[] {
  const apps: ComputeApp[] = [];
  for (const raw of text.split('\n')) {
    const [pid = '', gpuUuid = '', used = ''] = raw.split(',').map((f) => f.trim());
    if (!INDEX.test(pid) || !/^GPU-/i.test(gpuUuid)) continue;
    const mib = /^\d+$/.test(used) ? Number(used) : null;
    apps.push({ pid: Number(pid), gpuUuid, usedMiB: mib });
  }
  return apps;
}

/** `nvidia-smi -L`: each MIG device's UUID → its board's UUID (the MIG lines follow their GPU's line). */
export function parseMigParents(text: string): Map<string, string> {
  const parents = new Map<string, string>();
  let board: string | null = null;
  for (const line of text.split('\n')) {
    const uuid = /\(UUID: ((?:GPU|MIG)-[^)\s]+)\)/.exec(line)?.[1];
    if (!uuid) continue;
    if (uuid.startsWith('GPU-')) board = uuid;
    else if (board) parents.set(uuid, board);
  }
  return parents;
}
