import { describe, expect, it } from 'vitest';
import { lookupLocation } from '../../src/carbon/location.js';
import { resolveGridIntensity, wantsCloudDetection } from '../../src/carbon/region.js';
import { findCountry } from '../../src/data/grid-countries.js';

// Expected values are copied from the source files in ../shared/data/grid (see data/NOTICE.md).
describe('lookupLocation: values match their sources', () => {
  it.each([
    ['US-WA', 'US-WA', 101.84, 2020, 'operational'], // green-algorithms-CI_aggregated.csv
    ['us-ca', 'US-CA', 216.43, 2020, 'operational'],
    ['CA-QC', 'CA-QC', 1.5, 2019, 'operational'],
    ['CA-MB', 'CA-MB', 1.3, 2019, 'operational'], // GA's CA-MT, renamed to ISO 3166-2
    ['CA-MT', 'CA-MB', 1.3, 2019, 'operational'],
    ['AU-VIC', 'AU-VIC', 1060, 2019, 'operational'],
    ['AU-WA', 'AU-WA2', 700, 2019, 'operational'],
    ['SE-SE3', 'SE-SE3', 18, 2024, 'unspecified'], // codecarbon-nordic_emissions.json
    ['NO1', 'NO-NO1', 18, 2024, 'unspecified'],
    ['FR', 'FR', 56, 2023, 'lifecycle'], // owid-country-carbon-intensity.csv
    ['world', 'world', 475, 2019, 'unspecified'],
  ])('%s → %s %d g/kWh (%d, %s)', (code, canonical, g, year, method) => {
    expect(lookupLocation(code)).toMatchObject({ code: canonical, gPerKwh: g, year, method });
  });

  it.each([
    ['azure:eastus', 'US-VA', 308, undefined], // cloudProviders_datacenters.csv: East US → US-VA
    ['azure:West Europe', 'NL', findCountry('NL')!.gPerKwh, undefined],
    ['azure:westus2', 'US-WA', 101.84, undefined],
    ['azure:qatarcentral', 'QA', findCountry('QA')!.gPerKwh, undefined],
    // GCP: Google's own 2024 figure (gcp-region-carbon-info/2024.csv); the grid stays the mapped one.
    ['gcp:europe-west1', 'BE', 103.37, 1.08], // GA: PUE 1.08 (Google 2020)
    ['gcp:us-central1', 'US-IA', 412.72, 1.11],
    ['gcp:europe-west9', 'FR', 16.3, undefined], // placed by CodeCarbon's gcp-impact.csv country
    ['gcp:us-south1', 'US-TX', 302.95, undefined],
    ['aws:eu-north-1', 'SE', findCountry('SE')!.gPerKwh, undefined],
    ['aws:us-east-1', 'US-VA', 308, undefined],
    ['AWS:eu-west-3', 'FR', 56, undefined],
  ])('%s → grid %s, %d g/kWh, PUE %s', (code, gridCode, g, pue) => {
    const loc = lookupLocation(code)!;
    expect(loc.grid).toBe(gridCode);
    expect(loc.gPerKwh).toBe(g);
    expect(loc.cloud?.pue).toBe(pue);
  });

  it.each(['azure:nowhere', 'oracle:eu-1', 'US-XX', 'XX', ':', 'aws:'])('%j → null', (code) => {
    expect(lookupLocation(code)).toBeNull();
  });
});

describe('resolveGridIntensity: detection and errors', () => {
  it.each([
    [{ config: 'auto' }, true],
    [{ flag: 'AUTO' }, true],
    [{ env: 'auto' }, true],
    [{ detectCloud: true }, true],
    [{ flag: 'FR', detectCloud: true }, false],
    [{}, false],
  ])('%j wants detection: %s', (inputs, want) => {
    expect(wantsCloudDetection(inputs)).toBe(want);
  });

  it.each([
    [{ config: 'auto', detected: { region: 'azure:eastus' } }, 'azure:eastus', 'cloud-detection', null],
    [
      { config: 'auto', detected: { failure: 'timeout' } },
      'world',
      'default',
      /cloud region detection failed \(timeout\).*475/,
    ],
    [
      { detectCloud: true, detected: { region: 'azure:moon' } },
      'world',
      'default',
      /"azure:moon" is not in the embedded table/,
    ],
  ])('%j → %s from %s', (inputs, region, origin, notice) => {
    const r = resolveGridIntensity(inputs);
    if (!r.ok) throw new Error(r.detail);
    expect(r.grid).toMatchObject({ region, origin });
    if (notice) expect(r.grid.notices.join(' ')).toMatch(notice);
    else expect(r.grid.notices).toEqual([]);
  });

  it.each([
    ['US-WX', /closest: .*US-W/],
    ['azure:eastu', /closest: azure:eastus/],
    ['aws:eu-north-2', /closest: aws:eu-north-1/],
  ])('unknown %s → exit-2 message with the closest codes', (code, hint) => {
    const r = resolveGridIntensity({ flag: code });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.detail).toMatch(hint);
  });
});
