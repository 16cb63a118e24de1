import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { footprintCommand, FOOTPRINT_HELP } from '../../src/cli/commands/footprint.js';
import { isUserFacing } from '../../src/errors/carbon-gate-error.js';
import { fakeProvider, json } from '../helpers/fake-provider.js';

// In-process: the command is registered in src/cli.ts by the lead, so dist/cli.js may not have it yet.
let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((c) => ((err += String(c)), true));
  for (const k of ['CARBON_GATE_REGION', 'CARBON_GATE_DETECT_CLOUD', 'CARBON_GATE_ELECTRICITY_MAPS_TOKEN'])
    vi.stubEnv(k, '');
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

async function run(args: string[]) {
  const code = await footprintCommand(['--json', ...args]);
  return { code, r: JSON.parse(out) as Record<string, unknown> & { provenance: Record<string, unknown> } };
}

describe('carbon-gate footprint', () => {
  it('Green Algorithms default case → 2.131 kWh and 1,012 g', async () => {
    const { code, r } = await run([
      '--cores',
      '12',
      '--tdp-per-core',
      '7.5',
      '--memory-gb',
      '64',
      '--hours',
      '12',
      '--pue',
      '1.56',
      '--intensity',
      '475',
    ]);
    expect(code).toBe(0);
    expect(Number((r.energyKwh as number).toFixed(3))).toBe(2.131);
    expect(Math.round(r.operationalG as number)).toBe(1012);
    expect(r).toMatchObject({ pue: 1.56, intensityGPerKwh: 475, embodiedG: 0 });
    for (const key of [
      'region',
      'intensityGPerKwh',
      'pue',
      'energyKwh',
      'operationalG',
      'embodiedG',
      'totalG',
      'source',
    ])
      expect(r).toHaveProperty(key);
  });

  it('SCI example: 1,000 kg, 4 years, 1 h → 28.5 g embodied', async () => {
    const { r } = await run([
      '--energy-kwh',
      '0',
      '--region',
      'FR',
      '--embodied-kg',
      '1000',
      '--lifetime',
      '4y',
      '--duration',
      '1h',
    ]);
    expect(Number((r.embodiedG as number).toFixed(1))).toBe(28.5);
    expect(r.totalG).toBe(r.embodiedG);
  });

  it('metered energy in a cloud region: provider PUE applied and shown, cleaner-elsewhere hint', async () => {
    const { r } = await run(['--energy-kwh', '1', '--region', 'azure:eastus']);
    expect(r).toMatchObject({ region: 'azure:eastus', pue: 1.12, intensityGPerKwh: 308 });
    expect(r.operationalG).toBeCloseTo(1 * 1.12 * 308, 9);
    expect(r.provenance.pueSource).toMatch(/azure default PUE/);
    expect(r).toHaveProperty('cleanerElsewhere.cleanest.region');
  });

  it('share as a fraction, duration defaulting to --hours', async () => {
    const { r } = await run([
      '--cores',
      '4',
      '--tdp-per-core',
      '2',
      '--hours',
      '1',
      '--intensity',
      '100',
      '--embodied-kg',
      '1151.7',
      '--share',
      '4/128',
    ]);
    expect(r.embodiedG).toBeCloseTo(1.0271, 3);
  });

  it('no region: world average with a notice, still a figure', async () => {
    const { r } = await run(['--energy-kwh', '1']);
    expect(r).toMatchObject({ region: 'world', intensityGPerKwh: 475, pue: 1 });
    expect((r.notices as string[]).join(' ')).toMatch(/no region given/);
  });

  it('Electricity Maps via token and its local stand-in; failures fall back with a warning', async () => {
    const p = await fakeProvider({
      '/v3/carbon-intensity/latest': json({
        zone: 'DE',
        carbonIntensity: 250,
        datetime: '2025-01-01T00:00:00Z',
      }),
    });
    vi.stubEnv('CARBON_GATE_ELECTRICITYMAPS_URL', p.url);
    try {
      const { r } = await run(['--energy-kwh', '1', '--region', 'DE', '--electricity-maps-token', 'tok']);
      expect(r).toMatchObject({
        intensityGPerKwh: 250,
        provenance: { intensitySource: 'electricity-maps', intensityYear: 2025 },
      });
      out = '';
      vi.stubEnv('CARBON_GATE_ELECTRICITYMAPS_URL', 'http://127.0.0.1:9');
      const fallback = await run([
        '--energy-kwh',
        '1',
        '--region',
        'DE',
        '--intensity-source',
        'electricity-maps',
        '--electricity-maps-token',
        'tok',
      ]);
      expect(fallback.code).toBe(0);
      expect(fallback.r.provenance.intensitySource).toBe('embedded');
      expect(err).toMatch(/warning: intensity source electricity-maps/);
      expect(err + out).not.toContain('tok"');
    } finally {
      await p.close();
    }
  });

  it.each([
    [[], /expected --energy-kwh X, or --cores/],
    [['--energy-kwh', '1', '--cores', '2'], /not both/],
    [['--energy-kwh=-1'], /--energy-kwh: expected a number/],
    [['--energy-kwh', '1', '--region', 'azure:eastu'], /closest: azure:eastus/],
    [['--energy-kwh', '1', '--pue', '0.5'], /--pue: expected a number from 1 to 3/],
    [['--energy-kwh', '1', '--intensity-source', 'wattime'], /--intensity-source: expected one of/],
    [['--energy-kwh', '1', '--embodied-kg', '10'], /needs --duration/],
    [['--energy-kwh', '1', '--share', '0.5'], /need --embodied-kg/],
    [['--energy-kwh', '1', '--embodied-kg', '10', '--duration', '1h', '--share', '3/2'], /--share: expected/],
  ])('%j → a user-facing error (exit 2)', async (args, message) => {
    await expect(footprintCommand(args)).rejects.toSatisfy(isUserFacing); // exit 2, one line
    await expect(footprintCommand(args)).rejects.toThrow(message);
  });

  it('--help prints FOOTPRINT_HELP', async () => {
    expect(await footprintCommand(['--help'])).toBe(0);
    expect(out).toBe(FOOTPRINT_HELP + '\n');
  });

  it('human output shows region, PUE, operational, embodied and total', async () => {
    await footprintCommand(['--energy-kwh', '1', '--region', 'SE']);
    expect(out).toMatch(/^Region: SE \(Sweden\)/);
    expect(out).toMatch(/PUE: 1 /);
    expect(out).toMatch(/Embodied: not counted/);
    expect(out).toMatch(/Total: /);
  });
});
