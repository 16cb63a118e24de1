import { describe, expect, it } from 'vitest';
import cpusJson from '../../data/specpower-cpus.json' with { type: 'json' };
import { canonicalArchitecture, inferArchitecture } from '../../src/power-model/arch-rules.js';
import { cpuKey } from '../../src/power-model/cpu-key.js';

describe('inferArchitecture', () => {
  it.each([
    ['AMD EPYC 7763 64-Core Processor', 'epyc-gen3'],
    ['AMD EPYC 7773X 2.20 GHz', 'epyc-gen3'],
    ['AMD EPYC 7V13 64-Core Processor', 'epyc-gen3'],
    ['AMD EPYC 7742 2.25GHz', 'epyc-gen2'],
    ['AMD EPYC 7B12', 'epyc-gen2'],
    ['AMD EPYC 7601, Dell SKU [338-BNCG]', 'epyc-gen1'],
    ['AMD EPYC 9654 96-Core Processor', 'epyc-gen4'],
    ['AMD EPYC 9755', 'epyc-gen5'],
    ['AMD EPYC 3251', 'epyc-gen1'],
    ['Quad-Core AMD Opteron(r) Processor 8376 HE', 'opteron'],
    ['Intel Xeon Platinum 8180 2.50 GHz', 'skylake'],
    ['Intel Xeon Gold 6140', 'skylake'],
    ['Intel Xeon Platinum 8280 @ 2.70GHz (Intel Turbo Boost Technology up to 4.00 GHz)', 'cascadelake'],
    ['Intel Xeon Gold 6226R', 'cascadelake'],
    ['Intel Xeon Silver 4214', 'cascadelake'],
    ['Intel Xeon Platinum 8380', 'icelake'],
    ['Intel Xeon Gold 6314U', 'icelake'],
    ['Intel Xeon Platinum 8380HL', 'cooperlake'],
    ['Intel(R) Xeon(R) Platinum 8480+', 'sapphirerapids'],
    ['Intel(R) Xeon(R) Platinum 8573C', 'emeraldrapids'],
    ['Intel Xeon E5-2660', 'sandybridge'],
    ['Intel Xeon E5-2660V2', 'ivybridge'],
    ['Intel Xeon E5-2699 v3 2.30 GHz', 'haswell'],
    ['Intel(R) Xeon(R) CPU E5-2673 v4 @ 2.30GHz', 'broadwell'],
    ['Intel Xeon E7-4870', 'nehalem'],
    ['Intel Xeon E3-1265Lv3', 'haswell'],
    ['Intel Xeon E3-1240L v5', 'skylake'],
    ['Intel Xeon E3-1230 v6', 'kabylake'],
    ['Intel Xeon E-2176G', 'coffeelake'],
    ['Intel(R) Xeon(R) E-2388G CPU 3.20GHz', 'rocketlake'],
    ['Intel Xeon X5670', 'nehalem'],
    ['Intel Xeon X3470', 'nehalem'],
    ['Intel Xeon L5420 (2.5GHz)', 'core'],
    ['Intel Xeon processor E5345', 'core'],
    ['Intel X3350', 'core'],
    ['Intel Xeon Processor 7110M', 'netburst'],
    ['Intel Xeon Processor 3.4 GHz', 'netburst'],
    ['Intel Pentium D Processor 930', 'netburst'],
    ['Intel Core i3-540', 'nehalem'],
    ['Intel Core i5-4570', 'haswell'],
    ['Intel(R) Core(TM) i7-10700K CPU @ 3.80GHz', 'coffeelake'],
    ['13th Gen Intel(R) Core(TM) i7-1365U', 'raptorlake'],
    ['Apple M2', null],
    ['AMD EPYC', null],
  ])('%s → %s', (name, arch) => {
    expect(inferArchitecture(cpuKey(name))).toBe(arch);
  });

  it('agrees with every architecture SPECpower labels in the derived CPU table', () => {
    const labelled = cpusJson.cpus.filter((c) => c.architecture !== null);
    expect(labelled.length).toBeGreaterThan(100);
    for (const c of labelled) expect(inferArchitecture(c.key), c.key).toBe(c.architecture);
  });
});

describe('canonicalArchitecture', () => {
  it.each([
    ['kabylabe', 'xeon e3-1230 v6', 'kabylake'],
    ['epyc', 'epyc 7773x', 'epyc-gen3'],
    ['', 'core i3-540', 'nehalem'],
    [undefined, 'xeon platinum 8176', 'skylake'],
    ['Cascadelake', 'whatever', 'cascadelake'],
  ])('given %j for %s → %s', (given, key, want) => {
    expect(canonicalArchitecture(given, key)).toBe(want);
  });
});
