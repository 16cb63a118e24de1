import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/config-error.js';
import { createCpuMeter } from '../../src/meter/io/select-cpu-meter.js';
import type { Meter } from '../../src/meter/types.js';
import { FakePowercap } from '../helpers/fake-powercap.js';

/** Stands in for the estimator: only its identity matters here. */
const ESTIMATOR: Meter = {
  describe: () => ({ cpu: 'estimator', gpu: 'none', powerModel: 'teads-curve', basis: [], intervalS: 0.5 }),
  start: () => {
    throw new Error('not started in these tests');
  },
};

const PROFILE = {
  version: 1,
  source: 'manual',
  idleW: 5,
  loadW: [
    { utilisation: 0.5, watts: 20 },
    { utilisation: 1, watts: 30 },
  ],
};

const saved = process.env.CARBON_GATE_POWERCAP_ROOT;
let dir: string;
let tree: FakePowercap;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cg-select-'));
  tree = new FakePowercap([
    { id: 'intel-rapl:0', name: 'package-0', rangeJ: 1000 },
    { id: 'intel-rapl:0:0', name: 'dram', rangeJ: 1000 },
  ]);
});
afterEach(() => {
  if (saved === undefined) delete process.env.CARBON_GATE_POWERCAP_ROOT;
  else process.env.CARBON_GATE_POWERCAP_ROOT = saved;
  rmSync(dir, { recursive: true, force: true });
  tree.cleanup();
});

function profileFile(content: unknown = PROFILE): string {
  const file = path.join(dir, 'runner-power.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function choose(powercap: 'readable' | 'locked' | 'absent', profilePath?: string) {
  if (powercap === 'locked') tree.makeUnreadable('intel-rapl:0');
  if (powercap === 'locked') tree.makeUnreadable('intel-rapl:0:0');
  process.env.CARBON_GATE_POWERCAP_ROOT = powercap === 'absent' ? path.join(dir, 'no-powercap') : tree.root;
  return createCpuMeter({ intervalS: 0.5, profilePath, estimator: () => ESTIMATOR });
}

describe('createCpuMeter: RAPL, else the profile, else the estimator', () => {
  it.each([
    {
      powercap: 'readable',
      profile: true,
      model: 'rapl (powercap intel-rapl)',
      notes: [/power profile .*runner-power.json not used: RAPL measures this machine directly/],
    },
    { powercap: 'readable', profile: false, model: 'rapl (powercap intel-rapl)', notes: [] },
    {
      powercap: 'locked',
      profile: true,
      model: /^profile .*runner-power.json$/,
      notes: [/sudo chmod a\+r /],
    },
    { powercap: 'locked', profile: false, model: 'teads-curve', notes: [/sudo chmod a\+r /] },
    { powercap: 'absent', profile: true, model: /^profile .*runner-power.json$/, notes: [] },
    { powercap: 'absent', profile: false, model: 'teads-curve', notes: [] },
  ] as const)('powercap $powercap, profile $profile → $model', ({ powercap, profile, model, notes }) => {
    const chosen = choose(powercap, profile ? profileFile() : undefined);
    expect(chosen.meter.describe().powerModel).toMatch(model);
    expect(chosen.notes).toHaveLength(notes.length);
    notes.forEach((note, i) => expect(chosen.notes[i]).toMatch(note));
  });

  it.each(['readable', 'absent'] as const)(
    'a broken profile is a config error even with RAPL %s',
    (powercap) => {
      const file = profileFile({ ...PROFILE, idleW: 'lots' });
      expect(() => choose(powercap, file)).toThrow(ConfigError);
      try {
        choose(powercap, file);
      } catch (e) {
        expect((e as ConfigError).lines).toEqual([
          expect.stringMatching(
            /runner-power\.json: idleW: expected a power in watts from 0 to 100000, found "lots"$/,
          ),
        ]);
      }
    },
  );

  it.each([
    ['missing', undefined, /power profile not found$/],
    ['not JSON', '{', /invalid JSON/],
  ])('a %s profile file is one config error line', (_what, content, line) => {
    const file = content === undefined ? path.join(dir, 'nope.json') : profileFile(content);
    expect(() => choose('absent', file)).toThrow(line);
  });

  it('a profile measured on another CPU: a note', () => {
    const chosen = choose('absent', profileFile({ ...PROFILE, cpuModel: 'Some Other CPU 9000' }));
    expect(chosen.notes).toEqual([
      expect.stringMatching(
        /measured on "Some Other CPU 9000" but this machine has ".*": its figures may not apply$/,
      ),
    ]);
  });
});
