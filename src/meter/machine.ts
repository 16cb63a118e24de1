/** Pure description of the machine the estimator models, from /proc/cpuinfo and /proc/meminfo text. */

export interface CpuTopology {
  model: string;
  logicalCpus: number;
  sockets: number;
  /** Threads per core as the guest sees it (2 when SMT siblings are visible). */
  threadsPerCore: number;
  /** The `hypervisor` CPU flag: a VM that sees a slice of a larger host. */
  virtualised: boolean;
}

export function parseCpuInfo(text: string): CpuTopology {
  const blocks = text.split(/\n\s*\n/).filter((b) => b.includes('processor'));
  const field = (block: string, key: string): string | undefined =>
    block
      .split('\n')
      .find((l) => l.split(':')[0]?.trim() === key)
      ?.split(':')
      .slice(1)
      .join(':')
      .trim();
  const first = blocks[0] ?? '';
  const model =
    field(first, 'model name') ?? field(first, 'Hardware') ?? field(first, 'cpu model') ?? 'unknown';
  const sockets = new Set(blocks.map((b) => field(b, 'physical id') ?? '0')).size || 1;
  const siblings = Number(field(first, 'siblings'));
  const cores = Number(field(first, 'cpu cores'));
  const threadsPerCore = siblings > 0 && cores > 0 ? Math.max(1, Math.round(siblings / cores)) : 1;
  const virtualised = /\bhypervisor\b/.test(field(first, 'flags') ?? '');
  return { model, logicalCpus: Math.max(1, blocks.length), sockets, threadsPerCore, virtualised };
}

/** MemTotal in bytes, or null. */
export function parseMemTotal(text: string): number | null {
  const m = /^MemTotal:\s+(\d+)\s*kB/m.exec(text);
  return m ? Number(m[1]) * 1024 : null;
}
