import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import cloudData from '../../data/cloud-regions.json' with { type: 'json' };
import { lookupLocation } from '../../src/carbon/location.js';
import { resolvePue } from '../../src/carbon/pue.js';
import { resolveGridIntensity } from '../../src/carbon/region.js';
import { footprintCommand } from '../../src/cli/commands/footprint.js';
import { allCloudRegionCodes, cloudRegionsOf } from '../../src/data/cloud-regions.js';
import { isUserFacing } from '../../src/errors/carbon-gate-error.js';
import { buildReport } from '../../src/report/build.js';
import { ReportSchema } from '../../src/report/schema.js';
import { renderTable } from '../../src/report/table.js';
import { inputs } from '../report/fixtures.js';

// Google's own figures per GCP region (GoogleCloudPlatform/region-carbon-info, Apache-2.0), copied from
// ../shared/data/grid/gcp-region-carbon-info/2024.csv: region, grid carbon intensity (g/kWh), Google CFE.
const GOOGLE_2024: [string, number, number][] = [
  ['africa-south1', 656.85, 0.15], // Johannesburg
  ['asia-east1', 439.29, 0.17], // Taiwan
  ['asia-east2', 505.02, 0.01], // Hong Kong
  ['asia-northeast1', 452.85, 0.17], // Tokyo
  ['asia-northeast2', 296.19, 0.46], // Osaka
  ['asia-northeast3', 356.57, 0.37], // Seoul
  ['asia-south1', 678.76, 0.09], // Mumbai
  ['asia-south2', 531.83, 0.29], // Delhi
  ['asia-southeast1', 366.85, 0.04], // Singapore
  ['asia-southeast2', 560.55, 0.18], // Jakarta
  ['australia-southeast1', 497.5, 0.34], // Sydney
  ['australia-southeast2', 454.37, 0.39], // Melbourne
  ['europe-central2', 642.88, 0.4], // Warsaw
  ['europe-north1', 39.32, 0.98], // Finland
  ['europe-north2', 2.73, 1], // Stockholm
  ['europe-southwest1', 89.04, 0.87], // Madrid
  ['europe-west1', 103.37, 0.84], // Belgium
  ['europe-west2', 105.94, 0.79], // London
  ['europe-west3', 275.82, 0.68], // Frankfurt
  ['europe-west4', 208.81, 0.83], // Eemshaven
  ['europe-west6', 15.05, 0.98], // Zürich
  ['europe-west8', 201.69, 0.73], // Milan
  ['europe-west9', 16.3, 0.96], // Paris
  ['europe-west10', 275.82, 0.68], // Berlin
  ['europe-west12', 201.69, 0.73], // Turin
  ['me-central1', 366, 0.01], // Doha
  ['me-central2', 382.23, 0.01], // Dammam
  ['me-west1', 433.75, 0.07], // Tel Aviv
  ['northamerica-northeast1', 5.48, 0.99], // Montréal
  ['northamerica-northeast2', 58.56, 0.84], // Toronto
  ['northamerica-south1', 305, 0.19], // Mexico
  ['southamerica-east1', 67.32, 0.88], // São Paulo
  ['southamerica-west1', 238, 0.92], // Santiago
  ['us-central1', 412.72, 0.87], // Iowa
  ['us-central2', 372.23, 0.88], // Oklahoma
  ['us-east1', 575.77, 0.31], // South Carolina
  ['us-east2', 340.42, 0.42], // Georgia
  ['us-east4', 323.05, 0.62], // Northern Virginia
  ['us-east5', 323.05, 0.62], // Columbus
  ['us-south1', 302.95, 0.94], // Dallas
  ['us-west1', 79.23, 0.87], // Oregon
  ['us-west2', 169.28, 0.63], // Los Angeles
  ['us-west3', 555.17, 0.33], // Salt Lake City
  ['us-west4', 357.3, 0.64], // Las Vegas
];

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const googleDir = resolve(repoRoot, '../shared/data/grid/gcp-region-carbon-info');
const shared = existsSync(googleDir);

describe('GCP regions: Google’s own figure first', () => {
  it.each([
    // Before: Iowa's state average 293.85 (2020) and Belgium's country figure.
    ['gcp:us-central1', 412.72, 0.87, 'US-IA', 1.11],
    ['gcp:europe-west1', 103.37, 0.84, 'BE', 1.08],
    ['GCP:us-central1', 412.72, 0.87, 'US-IA', 1.11],
  ])('%s → %d g/kWh (2024, Google, operational), CFE %d shown, grid %s', (code, g, cfe, grid, pue) => {
    const loc = lookupLocation(code)!;
    expect(loc).toMatchObject({ gPerKwh: g, year: 2024, method: 'operational', grid });
    expect(loc.source).toMatch(
      /^Google region-carbon-info 2024 \(Apache-2\.0\): grid intensity, operational gross/,
    );
    expect(loc.source).toContain(`Google CFE ${Math.round(cfe * 100)} %, not subtracted`);
    expect(loc.cloud).toEqual({
      provider: 'gcp',
      region: code.slice(4),
      pue,
      pueSource: expect.stringMatching(/google/),
      cfe,
      cfeYear: 2024,
    });
  });

  it.each([
    // The four regions of the 2024 file that had no row before; their grid is the zone a live provider gets.
    ['gcp:europe-north2', 2.73, 'SE-SE3', /Stockholm/],
    ['gcp:northamerica-south1', 305, 'MX', /Mexico/],
    ['gcp:us-central2', 372.23, 'US-OK', /Oklahoma/],
    ['gcp:us-east2', 340.42, 'US-GA', /Georgia/],
  ])('new region %s → %d g/kWh, grid %s', (code, g, grid, name) => {
    const r = resolveGridIntensity({ flag: code });
    if (!r.ok) throw new Error(r.detail);
    expect(r.grid).toMatchObject({
      region: code,
      intensityGPerKwh: g,
      year: 2024,
      method: 'operational',
      grid,
      cloud: { provider: 'gcp', region: code.slice(4) },
    });
    expect(r.grid.regionName).toMatch(name);
  });

  it.each(GOOGLE_2024)('gcp:%s → %d g/kWh, CFE %d (2024.csv)', (id, g, cfe) => {
    expect(lookupLocation(`gcp:${id}`)).toMatchObject({
      gPerKwh: g,
      year: 2024,
      method: 'operational',
      cloud: { cfe, cfeYear: 2024 },
    });
  });

  it('the committed data: every GCP region carries Google’s figure, and it is the one looked up', () => {
    const gcp = cloudData.regions.filter((r) => r.provider === 'gcp');
    expect(gcp.map((r) => r.id).sort()).toEqual(GOOGLE_2024.map(([id]) => id).sort());
    for (const row of gcp) {
      const own = (row as { providerIntensity?: { gPerKwh: number; year: number; method: string } })
        .providerIntensity;
      expect(own, row.id).toBeDefined();
      expect(lookupLocation(`gcp:${row.id}`), row.id).toMatchObject({
        gPerKwh: own!.gPerKwh,
        year: own!.year,
        method: own!.method,
      });
    }
  });

  it.skipIf(!shared)('matches ../shared: each region’s newest yearly file, method by year', () => {
    const newest = new Map<string, { g: number; year: number; cfe: number | undefined }>();
    const files = readdirSync(googleDir)
      .filter((f) => /^\d{4}\.csv$/.test(f))
      .sort();
    expect(files).toContain('2024.csv');
    for (const file of files) {
      const [header, ...rows] = readFileSync(resolve(googleDir, file), 'utf8').trim().split(/\r?\n/);
      const year = Number(file.slice(0, 4));
      // 2019-2020 say lifecycle; from 2021 the column is the operational gross, hourly-weighted figure.
      expect(header!.includes('Lifecycle'), file).toBe(year < 2021);
      for (const line of rows) {
        const [id, , cfe, g] = line.split(',');
        newest.set(id!, { g: Number(g), year, cfe: cfe ? Number(cfe) : undefined });
      }
    }
    expect(newest.size).toBe(GOOGLE_2024.length);
    for (const [id, want] of newest) {
      const loc = lookupLocation(`gcp:${id}`);
      expect(loc, id).toMatchObject({
        gPerKwh: want.g,
        year: want.year,
        method: want.year >= 2021 ? 'operational' : 'lifecycle',
      });
      expect(loc!.cloud?.cfe, id).toBe(want.cfe);
    }
  });

  it.each([
    ['gcp:us-central3', /closest: .*gcp:us-central[12]/],
    ['gcp:europe-west99', /closest: .*gcp:europe-west9/],
    ['gcp:northamerica-south2', /closest: .*gcp:northamerica-south1/],
  ])('unknown %s → a region error with the closest codes', (code, hint) => {
    const r = resolveGridIntensity({ flag: code });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.detail).toMatch(hint);
  });
});

describe('AWS and Azure: the mapped grid, said to be a mapping', () => {
  it.each([
    ['azure:eastus', 'Azure', 'Virginia', 'US-VA', 308],
    ['aws:us-east-1', 'AWS', 'Virginia', 'US-VA', 308],
    ['aws:eu-west-3', 'AWS', 'France', 'FR', 56],
  ])('%s: %s publishes no figure; the grid of %s (%s), %d g/kWh', (code, provider, name, grid, g) => {
    const loc = lookupLocation(code)!;
    expect(loc.gPerKwh).toBe(g);
    expect(loc.source).toMatch(
      new RegExp(`^mapping, no ${provider} figure published: grid of ${name} \\(${grid}\\) used, placed by `),
    );
    expect(loc.cloud?.cfe).toBeUndefined();
  });

  it.each(['aws', 'azure'] as const)('every %s region says mapping, none has a provider figure', (p) => {
    for (const r of cloudRegionsOf(p)) {
      expect(r.providerIntensity, r.id).toBeUndefined();
      expect(lookupLocation(`${p}:${r.id}`)!.source, r.id).toMatch(
        /^mapping, no (AWS|Azure) figure published/,
      );
    }
  });
});

describe('every cloud region fits the report contract', () => {
  it('a report in each region parses against the one report schema (source ≤ 300 characters)', () => {
    for (const code of allCloudRegionCodes()) {
      const r = resolveGridIntensity({ flag: code });
      if (!r.ok) throw new Error(r.detail);
      const pue = resolvePue({ cloud: r.grid.cloud });
      const report = buildReport(inputs({ grid: r.grid, pue: { value: pue.value, source: pue.source } }));
      const parsed = ReportSchema.safeParse(report);
      expect(parsed.success, `${code}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it('the report and its table carry Google’s figure and CFE, the CFE as information', () => {
    const r = resolveGridIntensity({ config: 'gcp:us-central1' });
    if (!r.ok) throw new Error(r.detail);
    const report = buildReport(inputs({ grid: r.grid }));
    expect(report.carbon).toMatchObject({
      intensityGPerKwh: 412.72,
      intensityYear: 2024,
      method: 'operational',
      cloud: { provider: 'gcp', region: 'us-central1', cfe: 0.87, cfeYear: 2024 },
    });
    expect(renderTable(report)).toMatch(
      /Grid: gcp:us-central1 .* 412\.72 g CO2e\/kWh, 2024, Google region-carbon-info 2024 .*Google CFE 87 %, not subtracted/,
    );
  });
});

describe('carbon-gate footprint in GCP and Azure regions', () => {
  let out = '';
  beforeEach(() => {
    out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    for (const k of ['CARBON_GATE_REGION', 'CARBON_GATE_DETECT_CLOUD', 'CARBON_GATE_ELECTRICITY_MAPS_TOKEN'])
      vi.stubEnv(k, '');
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('gcp:us-central1: 1 kWh × PUE 1.11 × 412.72, the CFE share not subtracted', async () => {
    expect(await footprintCommand(['--json', '--energy-kwh', '1', '--region', 'gcp:us-central1'])).toBe(0);
    const r = JSON.parse(out) as Record<string, unknown> & { provenance: Record<string, unknown> };
    expect(r).toMatchObject({ region: 'gcp:us-central1', intensityGPerKwh: 412.72, pue: 1.11 });
    expect(r.operationalG).toBeCloseTo(1.11 * 412.72, 9);
    expect(r.provenance).toMatchObject({ intensityYear: 2024, method: 'operational', grid: 'US-IA' });
    expect(r.source).toMatch(/Google region-carbon-info 2024.*Google CFE 87 %, not subtracted/);
  });

  it('azure:eastus: the source says mapping', async () => {
    await footprintCommand(['--json', '--energy-kwh', '1', '--region', 'azure:eastus']);
    const r = JSON.parse(out) as Record<string, unknown>;
    expect(r.source).toMatch(/^mapping, no Azure figure published: grid of Virginia \(US-VA\) used/);
  });

  it('an unknown gcp region is a user-facing error (exit 2) with the closest codes', async () => {
    const args = ['--energy-kwh', '1', '--region', 'gcp:us-central3'];
    await expect(footprintCommand(args)).rejects.toSatisfy(isUserFacing);
    await expect(footprintCommand(args)).rejects.toThrow(
      /found "gcp:us-central3"; closest: gcp:us-central1, gcp:us-central2/,
    );
  });
});
