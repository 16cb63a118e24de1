import { readFileSync } from 'node:fs';
import { defaultProcRoot, parseStat, type ProcInfo } from '../../runner/io/process-tree.js';
import { foreignAppNote, type ForeignApp } from '../nvidia-notes.js';
import type { ComputeApp, NvidiaGpu } from '../nvidia-parse.js';
import { listComputeApps } from './nvidia-smi.js';

export interface ForeignAppWatchOptions {
  binary: string;
  /** The metered GPUs: processes on other GPUs do not touch the figures. */
  gpus: readonly NvidiaGpu[];
  /** Seconds between checks while the benchmark runs, besides one at its start and one at its end; 0: those two only. */
  everyS: number;
  procRoot?: string;
  /** Tests: where the process list comes from (default `nvidia-smi --query-compute-apps`). */
  list?: (binary: string) => Promise<ComputeApp[] | null>;
}

/** A sample's notes are capped (the report's schema): a busy shared GPU gets this many, then a count. */
const MAX_NOTES = 10;
/** How many parents up a process is followed to find the benchmark: deeper trees are not the benchmark's. */
const MAX_DEPTH = 64;

/**
 * Other processes on the metered GPUs while a benchmark runs. nvidia-smi meters whole boards, so another
 * job's kernels land in the benchmark's energy; this says so. Each check is one nvidia-smi process, so
 * checks are sparse: when the benchmark starts, every `everyS` seconds, and when it ends.
 *
 * A process is the benchmark's when it is in the benchmark's process group, descends from its root
 * process, or was seen as the benchmark's before (a daemon re-parented to init stays its). A pid /proc
 * does not show is left out: it has ended (often the benchmark's own, just gone), or lives in another
 * pid namespace, where the pid nvidia-smi gives cannot be told apart from ours.
 */
export class ForeignAppWatch {
  private root: number | null = null;
  private readonly own = new Set<number>();
  private readonly found = new Map<string, ForeignApp>();
  private readonly byUuid: Map<string, NvidiaGpu>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private checks = 0;
  private failures = 0;

  constructor(private readonly opts: ForeignAppWatchOptions) {
    this.byUuid = new Map(opts.gpus.map((g) => [g.uuid.toUpperCase(), g]));
  }

  /** The benchmark's root pid is known: first check now, then every `everyS`. */
  start(rootPid: number): void {
    if (this.root !== null) return;
    this.root = rootPid;
    this.own.add(rootPid);
    void this.check();
    if (this.opts.everyS > 0) {
      this.timer = setInterval(() => void this.check(), this.opts.everyS * 1000);
      this.timer.unref();
    }
  }

  /** The last check, then a note per foreign process (and one if nvidia-smi could never say). */
  /** Other loads found (`warnings`, for the verdict) or why none could be looked for (`notes`). */
  async stop(benchmark: string | undefined): Promise<{ notes: string[]; warnings: string[] }> {
    if (this.timer) clearInterval(this.timer);
    if (this.root === null) return { notes: [], warnings: [] };
    await this.running;
    await this.check();
    if (this.checks > 0 && this.failures === this.checks)
      return {
        notes: [
          'nvidia-smi could not list the processes on the GPUs (--query-compute-apps): other loads on them were not checked',
        ],
        warnings: [],
      };
    const apps = [...this.found.values()];
    const warnings = apps.slice(0, MAX_NOTES).map((app) => foreignAppNote(app, benchmark));
    if (apps.length > MAX_NOTES)
      warnings.push(`${apps.length - MAX_NOTES} more processes also ran on the metered GPUs (not listed)`);
    return { notes: [], warnings };
  }

  private check(): Promise<void> {
    this.running ??= this.checkOnce().finally(() => (this.running = null));
    return this.running;
  }

  private async checkOnce(): Promise<void> {
    const apps = await (this.opts.list ?? listComputeApps)(this.opts.binary);
    this.checks++;
    if (apps === null) {
      this.failures++;
      return;
    }
    for (const app of apps) {
      const gpu = this.byUuid.get(app.gpuUuid.toUpperCase());
      const proc = gpu ? this.stat(app.pid) : null;
      if (!gpu || !proc) continue;
      if (this.isBenchmarks(proc)) {
        this.own.add(proc.pid);
        continue;
      }
      const key = `${gpu.index}:${proc.pid}`;
      const seen = this.found.get(key);
      const usedMiB = Math.max(seen?.usedMiB ?? -1, app.usedMiB ?? -1);
      this.found.set(key, { gpu, pid: proc.pid, comm: proc.comm, usedMiB: usedMiB < 0 ? null : usedMiB });
    }
  }

  private isBenchmarks(p: ProcInfo): boolean {
    if (p.pgid === this.root) return true;
    let cur: ProcInfo | null = p;
    for (let depth = 0; cur && depth < MAX_DEPTH; depth++) {
      if (this.own.has(cur.pid)) return true;
      if (cur.ppid <= 1) return false;
      cur = this.stat(cur.ppid);
    }
    return false;
  }

  private stat(pid: number): ProcInfo | null {
    try {
      return parseStat(readFileSync(`${this.opts.procRoot ?? defaultProcRoot()}/${pid}/stat`, 'utf8'));
    } catch {
      return null;
    }
  }
}
