import { describe, expect, it } from 'vitest';
import { chooseDomains } from '../../src/meter/rapl/domains.js';
import { parseZoneId, type RaplZone } from '../../src/meter/rapl/zone.js';

/** Zones from `id=name` shorthands. */
function zones(...specs: string[]): RaplZone[] {
  return specs.map((spec) => {
    const [id = '', name = ''] = spec.split('=');
    return { id, name, ...parseZoneId(id)!, maxRangeUj: 262e9, dir: `/fake/${id}` };
  });
}

describe('chooseDomains: package + DRAM, each counted once', () => {
  it.each([
    {
      what: 'package with core, uncore and dram subzones, plus psys',
      in: zones(
        'intel-rapl:0=package-0',
        'intel-rapl:0:0=core',
        'intel-rapl:0:1=uncore',
        'intel-rapl:0:2=dram',
        'intel-rapl:1=psys',
      ),
      picked: ['intel-rapl:0=package', 'intel-rapl:0:2=dram'],
      scope: 'package',
    },
    {
      what: 'two sockets, each with DRAM',
      in: zones(
        'intel-rapl:0=package-0',
        'intel-rapl:0:0=dram',
        'intel-rapl:1=package-1',
        'intel-rapl:1:0=dram',
      ),
      picked: ['intel-rapl:0=package', 'intel-rapl:0:0=dram', 'intel-rapl:1=package', 'intel-rapl:1:0=dram'],
      scope: 'package',
    },
    {
      what: 'two dies reporting the same package name',
      in: zones('intel-rapl:0=package-0', 'intel-rapl:1=package-0', 'intel-rapl:1:0=dram'),
      picked: ['intel-rapl:0=package', 'intel-rapl:1:0=dram'],
      scope: 'package',
    },
    {
      what: 'dies named package-N-die-M are distinct and summed',
      in: zones('intel-rapl:0=package-0-die-0', 'intel-rapl:1=package-0-die-1'),
      picked: ['intel-rapl:0=package', 'intel-rapl:1=package'],
      scope: 'package',
    },
    {
      what: 'MMIO and MSR expose package-0: MMIO wins',
      in: zones('intel-rapl:0=package-0', 'intel-rapl:0:0=core', 'intel-rapl-mmio:0=package-0'),
      picked: ['intel-rapl-mmio:0=package'],
      scope: 'package',
    },
    {
      what: 'MMIO package, MSR-only DRAM: both used',
      in: zones('intel-rapl:0=package-0', 'intel-rapl:0:1=dram', 'intel-rapl-mmio:0=package-0'),
      picked: ['intel-rapl-mmio:0=package', 'intel-rapl:0:1=dram'],
      scope: 'package',
    },
    {
      what: 'a top-level dram zone',
      in: zones('intel-rapl:0=package-0', 'intel-rapl:1=dram'),
      picked: ['intel-rapl:0=package', 'intel-rapl:1=dram'],
      scope: 'package',
    },
    {
      what: 'psys alone when no package exists, without DRAM on top',
      in: zones('intel-rapl:0=psys', 'intel-rapl:1=dram', 'intel-rapl:2=core'),
      picked: ['intel-rapl:0=psys'],
      scope: 'psys',
    },
    {
      what: 'core and uncore only: nothing usable',
      in: zones('intel-rapl:0:0=core', 'intel-rapl:0:1=uncore'),
      picked: [],
      scope: 'none',
    },
    { what: 'no zones', in: [], picked: [], scope: 'none' },
  ])('$what', ({ in: input, picked, scope }) => {
    const choice = chooseDomains(input);
    expect(choice.zones.map((z) => `${z.id}=${z.role}`)).toEqual(picked);
    expect(choice.scope).toBe(scope);
    // Everything not picked is accounted for in a basis line.
    expect(choice.skipped).toHaveLength(input.length - picked.length);
  });

  it('says why each zone was left out', () => {
    const choice = chooseDomains(
      zones('intel-rapl:0=package-0', 'intel-rapl:0:0=core', 'intel-rapl:2=package-0', 'intel-rapl:3=psys'),
    );
    expect(choice.skipped).toEqual([
      'intel-rapl:0:0 (core) not added: a part of its package',
      'intel-rapl:2 (package-0) not added: same name as intel-rapl:0 (another die of one package)',
      'intel-rapl:3 (psys) not added: the platform domain contains the packages',
    ]);
  });
});
