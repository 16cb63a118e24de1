import { describe, expect, it } from 'vitest';
import { cpuKey } from '../../src/power-model/cpu-key.js';
import { cpuFamily, isLowPower } from '../../src/power-model/family.js';
import { vendorGroup, cpuMake } from '../../src/power-model/vendor.js';

describe('cpuKey', () => {
  it.each([
    ['Intel Xeon E5-2660 2.20 GHz (Intel Turbo Boost Technology up to 3.00 GHz)', 'xeon e5-2660'],
    ['Intel Xeon E5-2660 (2.20GHz)', 'xeon e5-2660'],
    ['Intel Xeon E5-2660V2', 'xeon e5-2660 v2'],
    ['Intel Xeon Platinum 8280,', 'xeon platinum 8280'],
    ['AMD EPYC 7601, Dell SKU [338-BNCG]', 'epyc 7601'],
    ['AMD EPYC 7763 64-Core Processor', 'epyc 7763'],
    ['AMD Opteron 4164EE', 'opteron 4164 ee'],
    ['Intel(R) Xeon(R) E-2388G CPU 3.20GHz', 'xeon e-2388g'],
  ])('%s → %s', (name, key) => expect(cpuKey(name)).toBe(key));
});

describe('name features', () => {
  it.each([
    ['xeon platinum 8280l', 'xeon-platinum', false],
    ['xeon l5420', 'xeon-5000', true],
    ['xeon e5-2650l', 'xeon-e5', true],
    ['opteron 6366 he', 'opteron', true],
    ['xeon e-2176g', 'xeon-e3', false],
    ['apple m2', 'other', false],
  ])('%s: family %s, low power %s', (key, family, low) => {
    expect(cpuFamily(key)).toBe(family);
    expect(isLowPower(key)).toBe(low);
  });

  it.each([
    ['Hewlett-Packard Company', 'hp'],
    ['Hewlett Packard Enterprise', 'hp'],
    ['Super Micro Computer, Inc.', 'supermicro'],
    ['Fujitsu Siemens Computers', 'fujitsu'],
    ['Colfax International', 'other'],
    ['AuthenticAMD', null],
    ['', null],
    [undefined, null],
  ])('vendor %j → %j', (vendor, group) => expect(vendorGroup(vendor)).toBe(group));

  it('CPU maker from vendor, name or architecture', () => {
    expect(cpuMake('AuthenticAMD', 'whatever', null)).toBe('amd');
    expect(cpuMake(undefined, 'epyc 7763', null)).toBe('amd');
    expect(cpuMake('Dell Inc.', 'mystery', 'opteron')).toBe('amd');
    expect(cpuMake(undefined, 'xeon e5-2660', 'sandybridge')).toBe('intel');
  });
});
