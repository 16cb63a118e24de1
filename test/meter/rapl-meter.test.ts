import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { detectRapl, type RaplFound } from '../../src/meter/io/detect-rapl.js';
import { createRaplMeter } from '../../src/meter/io/rapl-meter.js';
import { FakePowercap, serverTree } from '../helpers/fake-powercap.js';

const trees: FakePowercap[] = [];
function track(tree: FakePowercap): FakePowercap {
  trees.push(tree);
  return tree;
}
afterEach(() => {
  for (const t of trees.splice(0)) t.cleanup();
});

function found(tree: FakePowercap): RaplFound {
  const d = detectRapl(tree.root);
  if (!d.ok) throw new Error(d.reason);
  return d;
}

function meterOn(tree: FakePowercap) {
  return createRaplMeter({ rapl: found(tree), logicalCpus: 2, intervalS: 0.5 });
}

describe('RAPL meter over a fake powercap tree', () => {
  it('counts package + DRAM only, through wraps, within 0.1 % of the true energy (5 % asked)', async () => {
    const tree = track(serverTree(30));
    // package-0 is seen three times (MSR, MMIO, another die) and must count once; core, uncore
    // and psys move too and must not count at all.
    const watts = { pkg0: 20, pkg1: 15, dram0: 4, dram1: 3 };
    const counted = {
      cpu: ['intel-rapl-mmio:0', 'intel-rapl:1'],
      memory: ['intel-rapl:0:2', 'intel-rapl:1:0'],
    };
    const ticker = tree.ticker({
      'intel-rapl:0': watts.pkg0,
      'intel-rapl-mmio:0': watts.pkg0,
      'intel-rapl:2': watts.pkg0,
      'intel-rapl:0:0': 12,
      'intel-rapl:0:1': 5,
      'intel-rapl:0:2': watts.dram0,
      'intel-rapl:1': watts.pkg1,
      'intel-rapl:1:0': watts.dram1,
      'intel-rapl:3': 60,
    });
    const truth = (ids: string[]) => ids.reduce((sum, id) => sum + tree.advancedJ(id), 0);
    try {
      const meter = meterOn(tree);
      // start() and stop() read the counters synchronously, so the ticker cannot write between
      // these truth readings and the meter's own: the comparison is exact, whatever the timing.
      const before = { cpu: truth(counted.cpu), memory: truth(counted.memory) };
      const session = meter.start();
      session.track(process.pid);
      // 20 W on a 30 J range starting 2 J below it wraps after 0.1 s and every 1.5 s after; DRAM too.
      await sleep(2000);
      const m = await session.stop();
      const trueCpuJ = truth(counted.cpu) - before.cpu;
      const trueMemJ = truth(counted.memory) - before.memory;
      expect(trueCpuJ).toBeGreaterThan(30); // more than one range: at least one wrap
      expect(Math.abs(m.breakdownJ.cpu / trueCpuJ - 1)).toBeLessThan(0.001);
      expect(Math.abs(m.breakdownJ.memory / trueMemJ - 1)).toBeLessThan(0.001);
      expect(Math.abs(m.energyJ / (trueCpuJ + trueMemJ) - 1)).toBeLessThan(0.001);
      expect(m.breakdownJ.gpu).toBe(0);
      expect(m.notes).toEqual([]);
      expect(m.utilisation).toBeGreaterThanOrEqual(0);
      expect(m.utilisation).toBeLessThanOrEqual(1);
      const nominalJ = (watts.pkg0 + watts.pkg1 + watts.dram0 + watts.dram1) * m.durationS;
      const pct = (x: number) => `${((x - 1) * 100).toFixed(3)} %`;
      console.log(
        `fake tree: measured ${m.energyJ.toFixed(3)} J, counters advanced ${(trueCpuJ + trueMemJ).toFixed(3)} J ` +
          `(${pct(m.energyJ / (trueCpuJ + trueMemJ))}), nominal W × ${m.durationS.toFixed(2)} s ${nominalJ.toFixed(2)} J ` +
          `(${pct(m.energyJ / nominalJ)})`,
      );
    } finally {
      ticker.stop();
    }
  });

  it('describes what it reads', () => {
    const d = meterOn(track(serverTree())).describe();
    expect(d).toMatchObject({
      cpu: 'rapl',
      gpu: 'none',
      powerModel: 'rapl (powercap intel-rapl-mmio + intel-rapl)',
      scope: 'CPU package + DRAM',
      intervalS: 0.5,
    });
    const basis = d.basis.join('\n');
    expect(basis).toContain(
      'intel-rapl-mmio:0 (package-0), intel-rapl:0:2 (dram), intel-rapl:1 (package-1), intel-rapl:1:0 (dram)',
    );
    expect(basis).toMatch(/intel-rapl:0:0 \(core\) not added/);
    expect(basis).toMatch(/intel-rapl:3 \(psys\) not added/);
    expect(basis).toMatch(/read every 0\.01 s at most/);
  });

  it('sums sockets exactly and counts a wrap inside one read once', async () => {
    const tree = track(
      new FakePowercap([
        { id: 'intel-rapl:0', name: 'package-0', rangeJ: 100, startJ: 95 },
        { id: 'intel-rapl:0:0', name: 'dram', rangeJ: 100 },
        { id: 'intel-rapl:1', name: 'package-1', rangeJ: 100 },
      ]),
    );
    const session = meterOn(tree).start();
    tree.advance('intel-rapl:0', 10); // 95 → 5: a wrap
    tree.advance('intel-rapl:1', 7);
    await sleep(120);
    tree.advance('intel-rapl:0', 40);
    tree.advance('intel-rapl:0:0', 2.5);
    const m = await session.stop();
    expect(m.breakdownJ.cpu).toBeCloseTo(57, 6);
    expect(m.breakdownJ.memory).toBeCloseTo(2.5, 6);
    expect(m.energyJ).toBeCloseTo(59.5, 6);
  });

  it('keeps what was measured when a zone stops being readable mid-run, with a note', async () => {
    const tree = track(
      new FakePowercap([
        // 100 J ranges: read every 50 ms, so the sleep below spans several reads.
        { id: 'intel-rapl:0', name: 'package-0', rangeJ: 100 },
        { id: 'intel-rapl:0:0', name: 'dram', rangeJ: 100 },
      ]),
    );
    const session = meterOn(tree).start();
    tree.advance('intel-rapl:0', 30);
    tree.advance('intel-rapl:0:0', 3);
    await sleep(200);
    tree.writeRaw('intel-rapl:0', 'energy_uj', 'garbage\n');
    tree.advance('intel-rapl:0:0', 1);
    const m = await session.stop();
    expect(m.breakdownJ.cpu).toBeCloseTo(30, 6);
    expect(m.breakdownJ.memory).toBeCloseTo(4, 6);
    expect(m.notes).toHaveLength(1);
    expect(m.notes[0]).toMatch(
      /^RAPL intel-rapl:0 \(package-0\) stopped being readable before the end: its energy after \d+\.\d s is missing/,
    );
  });
});

describe('detectRapl', () => {
  const hint =
    /not readable \(root-only since CVE-2020-8694\); grant read access with `sudo chmod a\+r .*\/intel-rapl\*:\*\/energy_uj`/;

  it('no powercap at all: not present, no hint', () => {
    const d = detectRapl('/nonexistent/powercap');
    expect(d).toMatchObject({ ok: false, present: false });
    if (!d.ok) expect(d.reason).not.toMatch(/chmod/);
  });

  // As root, chmod 000 does not block reads: an energy_uj that is a directory (EISDIR) or
  // missing (ENOENT) fails the read the way EACCES does for a normal user.
  it.each(['makeUnreadable', 'remove'] as const)(
    'every energy_uj unreadable (%s): one line on how to grant access',
    (how) => {
      const tree = track(serverTree());
      for (const id of [
        'intel-rapl:0',
        'intel-rapl:0:0',
        'intel-rapl:0:1',
        'intel-rapl:0:2',
        'intel-rapl:1',
        'intel-rapl:1:0',
        'intel-rapl:2',
        'intel-rapl:3',
        'intel-rapl-mmio:0',
      ])
        tree[how](id);
      const d = detectRapl(tree.root);
      expect(d.ok).toBe(false);
      if (d.ok) return;
      expect(d.present).toBe(true);
      expect(d.reason).toMatch(hint);
      expect(d.reason).not.toContain('\n');
    },
  );

  it.each([
    ['empty', ''],
    ['non-numeric', 'n/a\n'],
    ['negative', '-12\n'],
  ])(
    'garbage (%s) energy_uj in MMIO package-0: zone excluded with a note, MSR package-0 used',
    (_what, text) => {
      const tree = track(serverTree());
      tree.writeRaw('intel-rapl-mmio:0', 'energy_uj', text);
      const d = detectRapl(tree.root);
      expect(d.ok).toBe(true);
      if (!d.ok) return;
      expect(d.zones.map((z) => z.id)).toEqual([
        'intel-rapl:0',
        'intel-rapl:0:2',
        'intel-rapl:1',
        'intel-rapl:1:0',
      ]);
      expect(d.notes).toEqual([
        expect.stringMatching(
          /^RAPL intel-rapl-mmio:0 \(package-0\): energy_uj holds ".*", not µJ; zone not used$/,
        ),
      ]);
      expect(d.provider).toBe('intel-rapl');
    },
  );

  it('garbage range or name: zone excluded with a note', () => {
    const tree = track(serverTree());
    tree.writeRaw('intel-rapl:1:0', 'max_energy_range_uj', 'lots');
    tree.writeRaw('intel-rapl:1', 'name', '');
    const d = detectRapl(tree.root);
    if (!d.ok) throw new Error(d.reason);
    expect(d.zones.map((z) => z.id)).toEqual(['intel-rapl-mmio:0', 'intel-rapl:0:2']);
    expect(d.notes).toEqual([
      'RAPL intel-rapl:1: no readable name file; zone not used',
      'RAPL intel-rapl:1:0 (dram): max_energy_range_uj is "lots"; zone not used',
    ]);
  });

  it('psys only when there is no package; subzones found without top-level links', () => {
    const tree = track(
      new FakePowercap(
        [
          { id: 'intel-rapl:0', name: 'psys', rangeJ: 100 },
          { id: 'intel-rapl:1', name: 'core-domain', rangeJ: 100 },
          { id: 'intel-rapl:1:0', name: 'dram', rangeJ: 100 },
        ],
        { links: false },
      ),
    );
    const d = detectRapl(tree.root);
    if (!d.ok) throw new Error(d.reason);
    expect(d.scope).toBe('psys');
    expect(d.zones.map((z) => z.id)).toEqual(['intel-rapl:0']);
    expect(createRaplMeter({ rapl: d, logicalCpus: 1, intervalS: 1 }).describe().scope).toBe(
      'platform (psys)',
    );
  });

  it('readable zones but no package or psys: not usable, says what it found', () => {
    const tree = track(new FakePowercap([{ id: 'intel-rapl:0', name: 'core', rangeJ: 100 }]));
    const d = detectRapl(tree.root);
    expect(d).toMatchObject({ ok: false, present: true });
    if (!d.ok) expect(d.reason).toMatch(/no usable package or psys domain \(zones: core\)/);
  });
});
