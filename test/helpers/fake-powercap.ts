import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** One zone of a fake powercap tree; the id's shape (`intel-rapl:0:1`) places it under its parent. */
export interface FakeZone {
  id: string;
  name: string;
  rangeJ: number;
  startJ?: number;
}

/**
 * A fake /sys/class/powercap in a temp dir, laid out like sysfs: top-level zones as directories,
 * subzones nested in their parent and (with `links`, as the kernel does) also linked at the top.
 * Counters hold µJ and wrap to 0 at the zone's range, like RAPL's.
 *
 * Tests run as root, where chmod 000 does not stop a read, so `makeUnreadable` replaces energy_uj
 * with a directory (the read fails with EISDIR) and `remove` deletes it (ENOENT).
 */
export class FakePowercap {
  readonly root = mkdtempSync(path.join(os.tmpdir(), 'cg-powercap-'));
  private readonly counters = new Map<
    string,
    { uj: number; rangeUj: number; dir: string; advancedUj: number }
  >();

  constructor(zones: FakeZone[], opts: { links?: boolean } = {}) {
    const sorted = [...zones].sort((a, b) => a.id.split(':').length - b.id.split(':').length);
    for (const zone of sorted) {
      const parts = zone.id.split(':');
      const parentId = parts.length > 2 ? parts.slice(0, -1).join(':') : null;
      const parentDir = parentId ? this.counters.get(parentId)?.dir : this.root;
      if (!parentDir) throw new Error(`fake powercap: ${zone.id} needs its parent ${parentId}`);
      const dir = path.join(parentDir, zone.id);
      mkdirSync(dir);
      if (parentId && opts.links !== false) symlinkSync(dir, path.join(this.root, zone.id));
      const rangeUj = Math.round(zone.rangeJ * 1e6);
      writeFileSync(path.join(dir, 'name'), `${zone.name}\n`);
      writeFileSync(path.join(dir, 'max_energy_range_uj'), `${rangeUj}\n`);
      this.counters.set(zone.id, { uj: 0, rangeUj, dir, advancedUj: 0 });
      this.write(zone.id, Math.round((zone.startJ ?? 0) * 1e6));
    }
  }

  private zone(id: string) {
    const c = this.counters.get(id);
    if (!c) throw new Error(`fake powercap: no zone ${id}`);
    return c;
  }

  /** Written to a temporary file and renamed, so a reader never sees a half-written counter (as with sysfs). */
  private write(id: string, uj: number): void {
    const c = this.zone(id);
    c.uj = uj % c.rangeUj;
    const tmp = path.join(c.dir, '.energy_uj.tmp');
    writeFileSync(tmp, `${c.uj}\n`);
    renameSync(tmp, path.join(c.dir, 'energy_uj'));
  }

  /** Adds energy to a zone's counter, wrapping at its range. */
  advance(id: string, joules: number): void {
    const uj = Math.round(joules * 1e6);
    this.zone(id).advancedUj += uj;
    this.write(id, this.zone(id).uj + uj);
  }

  /** Energy added to a zone so far, J, wraps or not: the truth a meter is checked against. */
  advancedJ(id: string): number {
    return this.zone(id).advancedUj / 1e6;
  }

  /** Writes raw text into a zone's file (garbage tests). */
  writeRaw(id: string, file: 'energy_uj' | 'max_energy_range_uj' | 'name', text: string): void {
    writeFileSync(path.join(this.zone(id).dir, file), text);
  }

  makeUnreadable(id: string): void {
    const file = path.join(this.zone(id).dir, 'energy_uj');
    rmSync(file);
    mkdirSync(file);
  }

  remove(id: string): void {
    rmSync(path.join(this.zone(id).dir, 'energy_uj'), { recursive: true, force: true });
  }

  /**
   * Advances counters in the background at constant power (W per zone id), from real elapsed
   * time, every `periodMs`. Stop it before asserting.
   */
  ticker(watts: Record<string, number>, periodMs = 5): { stop(): void } {
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      const dtS = (now - last) / 1000;
      last = now;
      for (const [id, w] of Object.entries(watts)) this.advance(id, w * dtS);
    }, periodMs);
    return { stop: () => clearInterval(timer) };
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * A two-socket server with everything that must not be double counted: socket 0 with core,
 * uncore and dram subzones, socket 1 with dram, a second die of socket 0 reporting the same
 * package name, psys, and an MMIO duplicate of package-0. Small ranges make counters wrap fast.
 */
export function serverTree(rangeJ = 30): FakePowercap {
  return new FakePowercap([
    { id: 'intel-rapl:0', name: 'package-0', rangeJ, startJ: rangeJ - 1 },
    { id: 'intel-rapl:0:0', name: 'core', rangeJ },
    { id: 'intel-rapl:0:1', name: 'uncore', rangeJ },
    { id: 'intel-rapl:0:2', name: 'dram', rangeJ: rangeJ / 2, startJ: rangeJ / 2 - 0.5 },
    { id: 'intel-rapl:1', name: 'package-1', rangeJ },
    { id: 'intel-rapl:1:0', name: 'dram', rangeJ },
    { id: 'intel-rapl:2', name: 'package-0', rangeJ },
    { id: 'intel-rapl:3', name: 'psys', rangeJ: rangeJ * 4 },
    { id: 'intel-rapl-mmio:0', name: 'package-0', rangeJ, startJ: rangeJ - 2 },
  ]);
}
