import { z } from 'zod';
import type { NvidiaGpu } from './nvidia-parse.js';

/**
 * Which of the GPUs nvidia-smi lists a benchmark can use, from the environment it inherits:
 * NVIDIA_VISIBLE_DEVICES (what the NVIDIA container runtime gave the job) and then CUDA_VISIBLE_DEVICES
 * (what CUDA shows the process). Pure: the caller passes the GPUs, the variables and the MIG parents.
 *
 * CUDA_VISIBLE_DEVICES, as CUDA reads it: unset, every GPU; empty, none; else a comma list of indices,
 * `GPU-` UUIDs or unique UUID prefixes, and MIG ids (`MIG-<uuid>`, `MIG-GPU-<uuid>/<gi>/<ci>`). CUDA stops at
 * the first entry that names no GPU: that one and every later one are ignored. Indices count the GPUs the
 * job has, in nvidia-smi's (PCI bus) order; CUDA numbers them that way only with
 * CUDA_DEVICE_ORDER=PCI_BUS_ID, which matters on machines with mixed GPUs (a warning says so).
 *
 * NVIDIA_VISIBLE_DEVICES, as the container runtime reads it: unset or `all`, every GPU; `none`, `void` or
 * empty, none; else indices, UUIDs and MIG ids (`GPU:MIG`). Inside such a container nvidia-smi already
 * lists only those GPUs, renumbered from 0, so when it lists no more GPUs than the variable names, the
 * runtime has applied it and every listed GPU is the job's; only a wider view (the host, a privileged
 * container) is filtered.
 */

export const GpuIdSchema = z.object({
  index: z.number().int().min(0).max(1024),
  uuid: z.string().max(200),
  name: z.string().max(200),
});
export type GpuId = z.infer<typeof GpuIdSchema>;
export const SkippedGpuSchema = GpuIdSchema.extend({ reason: z.string().max(300) });
export type SkippedGpu = z.infer<typeof SkippedGpuSchema>;

export interface VisibilityEnv {
  CUDA_VISIBLE_DEVICES?: string | undefined;
  NVIDIA_VISIBLE_DEVICES?: string | undefined;
  CUDA_DEVICE_ORDER?: string | undefined;
}

export interface VisibleGpus {
  metered: NvidiaGpu[];
  skipped: SkippedGpu[];
  /** Entries that name no GPU here, and index ambiguities; worded for a notice. */
  warnings: string[];
  /** Visible only through a MIG instance: their power is the whole board's. */
  migShared: NvidiaGpu[];
}

/** `MIG-<uuid>` → the `GPU-<uuid>` it lives on (from `nvidia-smi -L`); only needed for MIG UUIDs. */
export type MigParents = ReadonlyMap<string, string>;

const MAX_SHOWN = 80;
/** A variable's value as a notice shows it: clipped, and only characters an id can hold. */
export function shownValue(v: string): string {
  const safe = v.replace(/[^\w,:/.+-]/g, '?');
  return safe.length > MAX_SHOWN ? `${safe.slice(0, MAX_SHOWN - 3)}...` : safe;
}

/** Names the variables that decide visibility and are set, for the report: "CUDA_VISIBLE_DEVICES=0,2". */
export function visibilitySetting(env: VisibilityEnv): string {
  const set = (['NVIDIA_VISIBLE_DEVICES', 'CUDA_VISIBLE_DEVICES'] as const).filter(
    (k) => env[k] !== undefined,
  );
  return set.map((k) => `${k}=${shownValue(env[k]!)}`).join(', ');
}

export function visibleGpus(
  all: readonly NvidiaGpu[],
  env: VisibilityEnv,
  mig: MigParents = new Map(),
): VisibleGpus {
  const sorted = [...all].sort((a, b) => a.index - b.index);
  const warnings: string[] = [];
  const migShared = new Set<number>();
  const job = byNvidiaVar(sorted, env.NVIDIA_VISIBLE_DEVICES, mig, warnings, migShared);
  const cuda = byCudaVar(job, env.CUDA_VISIBLE_DEVICES, mig, warnings, migShared);
  if (cuda.byIndex && env.CUDA_DEVICE_ORDER !== 'PCI_BUS_ID' && new Set(job.map((g) => g.name)).size > 1)
    warnings.push(
      `CUDA_VISIBLE_DEVICES names GPUs by index, but CUDA numbers mixed GPUs fastest first unless CUDA_DEVICE_ORDER=PCI_BUS_ID: the metered GPUs follow nvidia-smi's order and may not be the ones the benchmark uses; set CUDA_DEVICE_ORDER=PCI_BUS_ID or name GPUs by UUID`,
    );
  const metered = new Set(cuda.visible.map((g) => g.index));
  const skipped: SkippedGpu[] = [];
  for (const g of sorted) {
    if (metered.has(g.index)) continue;
    const which = job.includes(g) ? 'CUDA_VISIBLE_DEVICES' : 'NVIDIA_VISIBLE_DEVICES';
    skipped.push({
      ...gpuId(g),
      reason: `not visible to the job (${which}=${shownValue(env[which] ?? '')})`,
    });
  }
  const meteredList = sorted.filter((g) => metered.has(g.index));
  return {
    metered: meteredList,
    skipped,
    warnings,
    migShared: meteredList.filter((g) => migShared.has(g.index)),
  };
}

/** A GPU as the report records it: index, UUID and name. */
export const gpuId = (g: NvidiaGpu): GpuId => ({ index: g.index, uuid: g.uuid, name: g.name });
const NO_GPU = new Set(['none', 'void', '']);

function entriesOf(value: string): string[] {
  return value.split(',').map((e) => e.trim());
}

function byNvidiaVar(
  gpus: NvidiaGpu[],
  value: string | undefined,
  mig: MigParents,
  warnings: string[],
  migShared: Set<number>,
): NvidiaGpu[] {
  if (value === undefined) return gpus;
  const v = value.trim().toLowerCase();
  if (v === 'all') return gpus;
  if (NO_GPU.has(v)) return [];
  const entries = entriesOf(value).filter((e) => e !== '');
  // The runtime has already applied it: nvidia-smi lists only the job's GPUs (renumbered).
  if (gpus.length <= entries.length) return gpus;
  const found = new Set<NvidiaGpu>();
  for (const e of entries) {
    const hit = /^\d+:\d+$/.test(e)
      ? gpus.find((g) => g.index === Number(e.split(':')[0]))
      : match(gpus, e, mig);
    if (!hit) {
      warnings.push(
        `NVIDIA_VISIBLE_DEVICES names "${shownValue(e)}", which is not a GPU nvidia-smi lists; ignored`,
      );
      continue;
    }
    if (/^\d+:\d+$/.test(e) || /^MIG-/i.test(e)) migShared.add(hit.index);
    found.add(hit);
  }
  return gpus.filter((g) => found.has(g));
}

function byCudaVar(
  job: NvidiaGpu[],
  value: string | undefined,
  mig: MigParents,
  warnings: string[],
  migShared: Set<number>,
): { visible: NvidiaGpu[]; byIndex: boolean } {
  if (value === undefined) return { visible: job, byIndex: false };
  if (value.trim() === '') return { visible: [], byIndex: false };
  const entries = entriesOf(value);
  const visible: NvidiaGpu[] = [];
  let byIndex = false;
  for (const [i, e] of entries.entries()) {
    const hit = /^\d+$/.test(e) ? job[Number(e)] : match(job, e, mig);
    if (!hit) {
      const rest = entries.slice(i + 1).filter((x) => x !== '');
      const also = rest.length ? ` and every entry after it (${shownValue(rest.join(','))})` : '';
      const sees = visible.length ? `GPU ${visible.map((g) => g.index).join(', ')} only` : 'no GPU';
      warnings.push(
        `CUDA_VISIBLE_DEVICES names "${shownValue(e)}", which is not a GPU the job has; CUDA ignores it${also}, so the benchmark sees ${sees}`,
      );
      break;
    }
    if (/^\d+$/.test(e)) byIndex = true;
    if (/^MIG-/i.test(e)) migShared.add(hit.index);
    if (!visible.includes(hit)) visible.push(hit);
  }
  return { visible, byIndex };
}

/** A UUID, a unique UUID prefix (as CUDA accepts) or a MIG id, to the GPU board it names; else undefined. */
function match(gpus: NvidiaGpu[], entry: string, mig: MigParents): NvidiaGpu | undefined {
  const e = entry.toUpperCase();
  if (/^\d+$/.test(e)) return gpus.find((g) => g.index === Number(e));
  // Old form: MIG-GPU-<gpu uuid>/<gpu instance>/<compute instance>.
  const old = /^MIG-(GPU-[0-9A-F-]+)\/\d+\/\d+$/.exec(e);
  if (old) return gpus.find((g) => g.uuid.toUpperCase() === old[1]);
  if (e.startsWith('MIG-')) {
    const parent = [...mig].find(([m]) => m.toUpperCase() === e)?.[1]?.toUpperCase();
    return parent ? gpus.find((g) => g.uuid.toUpperCase() === parent) : undefined;
  }
  if (!e.startsWith('GPU-') || e.length <= 4) return undefined;
  const hits = gpus.filter((g) => g.uuid.toUpperCase().startsWith(e));
  return hits.length === 1 ? hits[0] : undefined;
}
