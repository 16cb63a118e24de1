// The grid half of scripts/derive-data.mjs: sub-national grids, cloud regions, PUE defaults and the
// reference values behind human-scale equivalents. Kept in its own file so the CPU and grid
// derivations can change independently; derive-data.mjs passes in its CSV helpers so both halves
// parse, round and sort exactly alike (the output must be byte-for-byte reproducible).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import countries from 'i18n-iso-countries';

export const GRID_FILES = {
  gaIntensity: 'grid/green-algorithms-CI_aggregated.csv',
  gaDatacentres: 'grid/green-algorithms-cloudProviders_datacenters.csv',
  gaPue: 'grid/green-algorithms-defaults_PUE.csv',
  gaReference: 'grid/green-algorithms-referenceValues.csv',
  ccNordic: 'grid/codecarbon-nordic_emissions.json',
  ccGcp: 'grid/codecarbon-gcp-impact.csv',
};

const GA = 'Green Algorithms (CC BY 4.0)';
const GA_URL = 'https://github.com/GreenAlgorithms/green-algorithms-tool';
const AWS_REGIONS_URL = 'https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html';
const AZURE_REGIONS_URL = 'https://learn.microsoft.com/en-us/azure/reliability/regions-list';

// Green Algorithms uses CA-MT for Manitoba; ISO 3166-2 says CA-MB. The old code stays as an alias.
const GA_CODE_FIXES = new Map([['CA-MT', 'CA-MB']]);
// ISO 3166-2 codes that have no row of their own but one obvious sub-grid: Western Australia's
// South West Interconnected System serves Perth and most of the state's demand.
const SUBNATIONAL_ALIASES = new Map([
  ['CA-MT', 'CA-MB'],
  ['AU-WA', 'AU-WA2'],
]);

// Nord Pool's names for the bidding zones. CodeCarbon's file calls SE4 "Stockholm region", but
// Stockholm lies in SE3 and SE4 is Malmö; the standard names are used instead.
const NORDIC_NAMES = {
  SE1: 'Sweden bidding zone SE1 (Luleå)',
  SE2: 'Sweden bidding zone SE2 (Sundsvall)',
  SE3: 'Sweden bidding zone SE3 (Stockholm)',
  SE4: 'Sweden bidding zone SE4 (Malmö)',
  NO1: 'Norway bidding zone NO1 (Oslo)',
  NO2: 'Norway bidding zone NO2 (Kristiansand)',
  NO3: 'Norway bidding zone NO3 (Trondheim)',
  NO4: 'Norway bidding zone NO4 (Tromsø)',
  NO5: 'Norway bidding zone NO5 (Bergen)',
};

// AWS publishes region codes and their cities but no grid mapping; none is in ../shared/data.
// Curated here from the AWS region list (AWS_REGIONS_URL): region -> [city, grid location].
const AWS_REGIONS = {
  'af-south-1': ['Cape Town', 'ZA'],
  'ap-east-1': ['Hong Kong', 'HK'],
  'ap-northeast-1': ['Tokyo', 'JP'],
  'ap-northeast-2': ['Seoul', 'KR'],
  'ap-northeast-3': ['Osaka', 'JP'],
  'ap-south-1': ['Mumbai', 'IN'],
  'ap-south-2': ['Hyderabad', 'IN'],
  'ap-southeast-1': ['Singapore', 'SG'],
  'ap-southeast-2': ['Sydney', 'AU-NSW'],
  'ap-southeast-3': ['Jakarta', 'ID'],
  'ap-southeast-4': ['Melbourne', 'AU-VIC'],
  'ap-southeast-5': ['Malaysia', 'MY'],
  'ap-southeast-7': ['Thailand', 'TH'],
  'ca-central-1': ['Montréal', 'CA-QC'],
  'ca-west-1': ['Calgary', 'CA-AB'],
  'eu-central-1': ['Frankfurt', 'DE'],
  'eu-central-2': ['Zurich', 'CH'],
  'eu-north-1': ['Stockholm', 'SE'],
  'eu-south-1': ['Milan', 'IT'],
  'eu-south-2': ['Spain (Aragón)', 'ES'],
  'eu-west-1': ['Ireland', 'IE'],
  'eu-west-2': ['London', 'GB'],
  'eu-west-3': ['Paris', 'FR'],
  'il-central-1': ['Tel Aviv', 'IL'],
  'me-central-1': ['United Arab Emirates', 'AE'],
  'me-south-1': ['Bahrain', 'BH'],
  'mx-central-1': ['Mexico (Querétaro)', 'MX'],
  'sa-east-1': ['São Paulo', 'BR'],
  'us-east-1': ['N. Virginia', 'US-VA'],
  'us-east-2': ['Ohio', 'US-OH'],
  'us-gov-east-1': ['GovCloud (US-East, Ohio)', 'US-OH'],
  'us-gov-west-1': ['GovCloud (US-West, Oregon)', 'US-OR'],
  'us-west-1': ['N. California', 'US-CA'],
  'us-west-2': ['Oregon', 'US-OR'],
};

// Azure regions missing from Green Algorithms' table, curated from AZURE_REGIONS_URL.
const AZURE_EXTRA = {
  brazilsoutheast: ['Brazil Southeast (Rio de Janeiro)', 'BR'],
  jioindiacentral: ['Jio India Central (Nagpur)', 'IN'],
  jioindiawest: ['Jio India West (Jamnagar)', 'IN'],
  swedencentral: ['Sweden Central (Gävle)', 'SE'],
};

// GCP regions in CodeCarbon's list but not Green Algorithms': the state or city places them below
// country level where a sub-national grid exists. Others map to their country.
const GCP_CITY_LOCATIONS = { Melbourne: 'AU-VIC', Toronto: 'CA-ON', Columbus: 'US-OH', Dallas: 'US-TX' };
const GCP_NAME_FIXES = new Map([['me-cenrtal1', 'me-central1']]);

function sha(text) {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex').slice(0, 12);
}

function yearOf(text) {
  const match = /data from (\d{4})/.exec(text) ?? /\b(20\d\d)\b/.exec(text);
  if (!match) throw new Error(`no year in "${text}"`);
  return Number(match[1]);
}

/** data/grid-regions.json: US states, Canadian provinces, Australian states, Nordic bidding zones. */
export function deriveGridRegions(sharedDir, h, log) {
  const ga = h.readTable(
    sharedDir,
    GRID_FILES.gaIntensity,
    ['location', 'regionName', 'carbonIntensity', 'Type', 'source'],
    1,
  );
  const rows = [];
  for (const r of ga.records) {
    // Taiwan is a "Region" there but a country in OWID's table, which wins.
    if (r.Type !== 'Region' || !r.location.includes('-')) continue;
    const gPerKwh = h.toNumber(r.carbonIntensity);
    if (gPerKwh === null) throw new Error(`${GRID_FILES.gaIntensity}: no intensity for ${r.location}`);
    rows.push({
      code: GA_CODE_FIXES.get(r.location) ?? r.location,
      name: r.regionName,
      gPerKwh: h.round(gPerKwh, 2),
      year: yearOf(r.source),
      method: 'operational',
      source: `${GA} CI_aggregated.csv: ${r.source}`,
    });
  }
  const nordicText = readFileSync(join(sharedDir, GRID_FILES.ccNordic), 'utf8');
  const nordic = JSON.parse(nordicText);
  for (const [zone, v] of Object.entries(nordic.data)) {
    if (!NORDIC_NAMES[zone]) continue; // FI is a country: OWID's row wins.
    rows.push({
      code: `${zone.slice(0, 2)}-${zone}`,
      name: NORDIC_NAMES[zone],
      gPerKwh: h.round(v.emission_factor, 2),
      year: v.year,
      method: 'unspecified',
      source: `CodeCarbon nordic_emissions.json (MIT): ${nordic.metadata.source}`,
    });
  }
  rows.sort((a, b) => h.compareStrings(a.code, b.code));
  log(`grid-regions: ${rows.length} sub-national grids`);
  return {
    json: {
      source: {
        'green-algorithms': { name: 'Green Algorithms CI_aggregated.csv', licence: 'CC BY 4.0', url: GA_URL },
        codecarbon: {
          name: 'CodeCarbon nordic_emissions.json',
          licence: 'MIT',
          url: 'https://github.com/mlco2/codecarbon',
        },
      },
      generated: `scripts/derive-grid.mjs from ${GRID_FILES.gaIntensity} (sha256 ${ga.sha256}) and ${GRID_FILES.ccNordic} (sha256 ${sha(nordicText)})`,
      aliases: Object.fromEntries(SUBNATIONAL_ALIASES),
      regions: rows,
    },
  };
}

function azureId(name) {
  return name
    .replace(/\(.*\)/g, '')
    .replace(/Northeastt/, 'Northeast')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** data/cloud-regions.json: Azure, AWS and GCP regions mapped to grid locations, and PUE defaults. */
export function deriveCloudRegions(sharedDir, h, log, knownLocations) {
  const dc = h.readTable(
    sharedDir,
    GRID_FILES.gaDatacentres,
    ['provider', 'Name', 'location', 'PUE', 'source_PUE'],
    1,
  );
  const pueFile = h.readTable(sharedDir, GRID_FILES.gaPue, ['provider', 'PUE', 'source'], 1);
  const gcp = h.readTable(sharedDir, GRID_FILES.ccGcp, ['provider', 'region', 'countryIsoCode', 'city']);
  const regions = [];
  for (const r of dc.records) {
    const provider = r.provider;
    const id = provider === 'azure' ? azureId(r.Name) : r.Name;
    // Green Algorithms leaves Qatar Central's location empty; it is in Doha.
    const location = r.location || (r.Name === 'Qatar Central' ? 'QA' : '');
    const row = {
      provider,
      id,
      name: `${r.Name}${r.location_freeForm ? ` (${r.location_freeForm.trim()})` : ''}`,
      location,
    };
    const pue = h.toNumber(r.PUE);
    if (pue !== null) Object.assign(row, { pue, pueSource: r.source_PUE });
    row.locationSource = `${GA} cloudProviders_datacenters.csv`;
    regions.push(row);
  }
  const seen = new Set(regions.map((r) => `${r.provider}:${r.id}`));
  for (const r of gcp.records) {
    const id = GCP_NAME_FIXES.get(r.region) ?? r.region;
    if (seen.has(`gcp:${id}`)) continue;
    const location = GCP_CITY_LOCATIONS[r.city] ?? countries.alpha3ToAlpha2(r.countryIsoCode);
    regions.push({
      provider: 'gcp',
      id,
      name: `${id} (${r.city})`,
      location,
      locationSource: 'CodeCarbon gcp-impact.csv (MIT): country or city',
    });
  }
  for (const [id, [name, location]] of Object.entries(AZURE_EXTRA)) {
    regions.push({
      provider: 'azure',
      id,
      name,
      location,
      locationSource: `curated from ${AZURE_REGIONS_URL}`,
    });
  }
  for (const [id, [city, location]] of Object.entries(AWS_REGIONS)) {
    regions.push({
      provider: 'aws',
      id,
      name: `${id} (${city})`,
      location,
      locationSource: `curated from ${AWS_REGIONS_URL}`,
    });
  }
  regions.sort((a, b) => h.compareStrings(a.provider, b.provider) || h.compareStrings(a.id, b.id));
  for (let i = 0; i < regions.length; i++) {
    const r = regions[i];
    if (!knownLocations.has(r.location))
      throw new Error(`cloud region ${r.provider}:${r.id}: unknown location "${r.location}"`);
    if (i > 0 && regions[i - 1].provider === r.provider && regions[i - 1].id === r.id)
      throw new Error(`duplicate ${r.provider}:${r.id}`);
  }
  const pue = {};
  for (const r of pueFile.records) {
    const key = r.provider.toLowerCase();
    if (!['azure', 'aws', 'gcp', 'unknown'].includes(key)) continue;
    pue[key] = { pue: h.toNumber(r.PUE), source: `${GA} defaults_PUE.csv: ${r.source}` };
  }
  const counts = ['aws', 'azure', 'gcp'].map((p) => `${p} ${regions.filter((r) => r.provider === p).length}`);
  log(`cloud-regions: ${counts.join(', ')}`);
  return {
    json: {
      source: {
        'green-algorithms': {
          name: 'Green Algorithms cloudProviders_datacenters.csv and defaults_PUE.csv',
          licence: 'CC BY 4.0',
          url: GA_URL,
        },
        codecarbon: {
          name: 'CodeCarbon gcp-impact.csv (region list)',
          licence: 'MIT',
          url: 'https://github.com/mlco2/codecarbon',
        },
        aws: { name: 'AWS region list (region codes and cities)', url: AWS_REGIONS_URL },
        azure: { name: 'Azure region list (regions missing from Green Algorithms)', url: AZURE_REGIONS_URL },
      },
      generated: `scripts/derive-grid.mjs from ${GRID_FILES.gaDatacentres} (sha256 ${dc.sha256}), ${GRID_FILES.gaPue} (sha256 ${pueFile.sha256}) and ${GRID_FILES.ccGcp} (sha256 ${gcp.sha256})`,
      pue,
      regions,
    },
  };
}

/** data/reference-values.json: memory power for the Green Algorithms formula, and equivalents. */
export function deriveReferenceValues(sharedDir, h) {
  const ref = h.readTable(sharedDir, GRID_FILES.gaReference, ['variable', 'value', 'source'], 1);
  const pick = (name) => {
    const row = ref.records.find((r) => r.variable === name);
    if (!row) throw new Error(`${GRID_FILES.gaReference}: no ${name}`);
    return { value: h.toNumber(row.value), source: `${GA} referenceValues.csv: ${row.source}` };
  };
  return {
    json: {
      generated: `scripts/derive-grid.mjs from ${GRID_FILES.gaReference} (sha256 ${ref.sha256})`,
      memoryWPerGb: pick('memoryPower'),
      carGPerKmEu: pick('passengerCar_EU_perkm'),
      carGPerKmUs: pick('passengerCar_US_perkm'),
      treeMonthG: pick('tree_month'),
      smartphoneChargeKwh: {
        value: 0.012,
        source:
          'Luccioni, Jernite and Strubell (2024), Power Hungry Processing, ACM FAccT (one smartphone charge = 0.012 kWh)',
      },
    },
  };
}

export function gridNoticeMarkdown(regions, cloud) {
  const years = [...new Set(regions.regions.map((r) => r.year))].sort((a, b) => a - b).join(', ');
  const count = (p) => cloud.regions.filter((r) => r.provider === p).length;
  return `## grid-regions.json

Sub-national grid intensities (gCO2e/kWh): ${regions.regions.length} grids, with the year and source of each row
(years present: ${years}).

- **Green Algorithms** \`CI_aggregated.csv\` (\`${GRID_FILES.gaIntensity}\`): US states, Canadian provinces and
  territories, Australian states (their figures come from carbonfootprint.com and national inventories; the
  source text of each row is kept). Operational (generation) factors, not lifecycle. Licence: CC BY 4.0.
  URL: ${GA_URL}. Changes: CA-MT renamed CA-MB (ISO 3166-2), kept as an alias; AU-WA is an alias of AU-WA2.
- **CodeCarbon** \`nordic_emissions.json\` (\`${GRID_FILES.ccNordic}\`): Swedish and Norwegian bidding zones,
  historical ENTSO-E averages, year 2024. Licence: MIT. Changes: zone names replaced by Nord Pool's (the file
  calls SE4 "Stockholm region"; Stockholm is in SE3).

## cloud-regions.json

Cloud regions mapped to grid locations: Azure ${count('azure')}, AWS ${count('aws')}, GCP ${count('gcp')}; provider PUE defaults.

- **Green Algorithms** \`cloudProviders_datacenters.csv\` and \`defaults_PUE.csv\` (CC BY 4.0, ${GA_URL}):
  Azure and GCP regions, per-region GCP PUE (Google, 2020), provider defaults. Changes: Azure ids made from
  the display names ("East US" -> eastus; "Germany Northeastt" typo fixed); Qatar Central mapped to QA.
- **CodeCarbon** \`gcp-impact.csv\` (MIT): GCP regions missing above, placed by country or city
  ("me-cenrtal1" typo fixed).
- **AWS** region codes and cities from ${AWS_REGIONS_URL}; **Azure** regions missing from Green Algorithms
  from ${AZURE_REGIONS_URL}. The grid location of each is curated in \`scripts/derive-grid.mjs\`.

## reference-values.json

Memory power (0.3725 W/GB), car km (EU 175, US 251 gCO2/km) and tree-months (917 g) from Green Algorithms'
\`referenceValues.csv\` (CC BY 4.0); one smartphone charge = 0.012 kWh from Luccioni et al. (2024).
`;
}
