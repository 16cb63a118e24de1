// The grid half of scripts/derive-data.mjs: sub-national grids, cloud regions, PUE defaults and the
// reference values behind human-scale equivalents. Kept in its own file so the CPU and grid
// derivations can change independently; derive-data.mjs passes in its CSV helpers so both halves
// parse, round and sort exactly alike (the output must be byte-for-byte reproducible).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import countries from 'i18n-iso-countries';

export const GRID_FILES = {
  gaIntensity: 'grid/green-algorithms-CI_aggregated.csv',
  gaDatacentres: 'grid/green-algorithms-cloudProviders_datacenters.csv',
  gaPue: 'grid/green-algorithms-defaults_PUE.csv',
  gaReference: 'grid/green-algorithms-referenceValues.csv',
  ccNordic: 'grid/codecarbon-nordic_emissions.json',
  ccGcp: 'grid/codecarbon-gcp-impact.csv',
  /** One CSV per year (2019.csv ...): every file present is read. */
  googleCarbonDir: 'grid/gcp-region-carbon-info',
};

const GA = 'Green Algorithms (CC BY 4.0)';
const GA_URL = 'https://github.com/GreenAlgorithms/green-algorithms-tool';
const AWS_REGIONS_URL = 'https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html';
const AZURE_REGIONS_URL = 'https://learn.microsoft.com/en-us/azure/reliability/regions-list';
const GOOGLE_CARBON_URL = 'https://github.com/GoogleCloudPlatform/region-carbon-info';

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
// GCP regions in Google's carbon files but in neither list above: their grid location (the zone a live
// provider is asked for, and the grid named beside Google's own figure), curated from the file's Location.
const GCP_GOOGLE_ONLY_LOCATIONS = {
  'europe-north2': 'SE-SE3', // Stockholm lies in bidding zone SE3
  'northamerica-south1': 'MX', // Mexico (Querétaro)
  'us-central2': 'US-OK', // Oklahoma
  'us-east2': 'US-GA', // Georgia
};

// The intensity column of Google's files and the method it states. The 2019-2020 headers say "Lifecycle";
// from 2021 the header says only "Grid carbon intensity", which ../shared/data/README.md describes as
// operational gross emissions, hourly-weighted (location-based in both cases). A new header, or the
// operational header before 2021, stops the derivation for review.
const GOOGLE_INTENSITY_COLUMNS = [
  ['Lifecycle grid carbon intensity (gCO2eq / kWh)', 'lifecycle', 'lifecycle, location-based'],
  [
    'Grid carbon intensity (gCO2eq / kWh)',
    'operational',
    'operational gross, hourly-weighted, location-based',
  ],
];

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

/**
 * Google's own yearly figure per GCP region (GoogleCloudPlatform/region-carbon-info): the newest year each
 * region appears in, with its method and Google's CFE share (information only, never subtracted).
 */
function deriveGoogleCarbon(sharedDir, h, log) {
  const dir = GRID_FILES.googleCarbonDir;
  const files = readdirSync(join(sharedDir, dir))
    .filter((f) => /^\d{4}\.csv$/.test(f))
    .sort(h.compareStrings);
  if (files.length === 0) throw new Error(`${dir}: no yearly CSV files`);
  const byRegion = new Map();
  const hashes = [];
  for (const file of files) {
    const year = Number(file.slice(0, 4));
    const path = `${dir}/${file}`;
    const table = h.readTable(sharedDir, path, ['Google Cloud Region', 'Location', 'Google CFE']);
    hashes.push(`${path} (sha256 ${table.sha256})`);
    const columns = Object.keys(table.records[0] ?? {});
    const match = GOOGLE_INTENSITY_COLUMNS.find(([column]) => columns.includes(column));
    if (!match) throw new Error(`${path}: no known intensity column in ${columns.join(',')}`);
    const [column, method, methodText] = match;
    if ((method === 'operational') !== year >= 2021)
      throw new Error(`${path}: column "${column}" in ${year}: the method by year needs review`);
    for (const r of table.records) {
      const id = r['Google Cloud Region'];
      const gPerKwh = h.toNumber(r[column]);
      const cfe = h.toNumber(r['Google CFE']);
      if (
        !/^[a-z]+-[a-z]+\d+$/.test(id) ||
        gPerKwh === null ||
        gPerKwh < 0 ||
        (cfe !== null && (cfe < 0 || cfe > 1))
      )
        throw new Error(`${path}: unexpected row ${JSON.stringify(r)}`);
      // Files are read oldest first: a newer year replaces an older one.
      const figure = { gPerKwh: h.round(gPerKwh, 2), year, method };
      if (cfe !== null) figure.cfe = cfe;
      figure.source = `Google region-carbon-info ${year} (Apache-2.0): grid intensity, ${methodText}`;
      byRegion.set(id, { location: r.Location, figure });
    }
  }
  const years = files.map((f) => f.slice(0, 4));
  log(`google carbon: ${byRegion.size} GCP regions, files ${years.join(', ')}`);
  return { byRegion, hashes };
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
    row.locationSource = GA;
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
      locationSource: 'CodeCarbon (MIT), by country or city',
    });
  }
  const google = deriveGoogleCarbon(sharedDir, h, log);
  const gcpIds = new Set(regions.filter((r) => r.provider === 'gcp').map((r) => r.id));
  for (const [id, { location: city }] of google.byRegion) {
    if (gcpIds.has(id)) continue;
    const location = GCP_GOOGLE_ONLY_LOCATIONS[id];
    if (!location) throw new Error(`gcp:${id} (${city}): add its grid location to GCP_GOOGLE_ONLY_LOCATIONS`);
    regions.push({
      provider: 'gcp',
      id,
      name: `${id} (${city})`,
      location,
      locationSource: "Google's Location, curated",
    });
  }
  const withoutFigure = [];
  for (const r of regions) {
    if (r.provider !== 'gcp') continue;
    const entry = google.byRegion.get(r.id);
    if (entry) r.providerIntensity = entry.figure;
    else withoutFigure.push(r.id);
  }
  if (withoutFigure.length) log(`google carbon: no Google figure for ${withoutFigure.join(', ')}`);
  for (const [id, [name, location]] of Object.entries(AZURE_EXTRA)) {
    regions.push({
      provider: 'azure',
      id,
      name,
      location,
      locationSource: 'Azure region list, curated',
    });
  }
  for (const [id, [city, location]] of Object.entries(AWS_REGIONS)) {
    regions.push({
      provider: 'aws',
      id,
      name: `${id} (${city})`,
      location,
      locationSource: 'AWS region list, curated',
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
        google: {
          name: 'Google Cloud region carbon info: grid carbon intensity and Google CFE per GCP region and year',
          licence: 'Apache-2.0',
          url: GOOGLE_CARBON_URL,
        },
        aws: { name: 'AWS region list (region codes and cities)', url: AWS_REGIONS_URL },
        azure: { name: 'Azure region list (regions missing from Green Algorithms)', url: AZURE_REGIONS_URL },
      },
      generated: `scripts/derive-grid.mjs from ${GRID_FILES.gaDatacentres} (sha256 ${dc.sha256}), ${GRID_FILES.gaPue} (sha256 ${pueFile.sha256}), ${GRID_FILES.ccGcp} (sha256 ${gcp.sha256}) and ${google.hashes.join(', ')}`,
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
  const figures = cloud.regions.filter((r) => r.providerIntensity).map((r) => r.providerIntensity);
  const figureYears = [...new Set(figures.map((f) => f.year))].sort((a, b) => a - b).join(', ');
  const googleOnly = Object.entries(GCP_GOOGLE_ONLY_LOCATIONS)
    .map(([id, location]) => `${id} -> ${location}`)
    .join(', ');
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

Cloud regions placed on grid locations: Azure ${count('azure')}, AWS ${count('aws')}, GCP ${count('gcp')}; Google's own figure for
GCP regions; provider PUE defaults.

- **Green Algorithms** \`cloudProviders_datacenters.csv\` and \`defaults_PUE.csv\` (CC BY 4.0, ${GA_URL}):
  Azure and GCP regions, per-region GCP PUE (Google, 2020), provider defaults. Changes: Azure ids made from
  the display names ("East US" -> eastus; "Germany Northeastt" typo fixed); Qatar Central mapped to QA.
- **CodeCarbon** \`gcp-impact.csv\` (MIT): GCP regions missing above, placed by country or city
  ("me-cenrtal1" typo fixed).
- **Google Cloud region carbon info** \`${GRID_FILES.googleCarbonDir}/<year>.csv\` (Apache-2.0,
  ${GOOGLE_CARBON_URL}): Google's own yearly grid carbon intensity (gCO2eq/kWh, location-based) and
  Google CFE share per GCP region. ${figures.length} GCP regions carry Google's figure (\`providerIntensity\`), from the
  newest file that lists them (years used: ${figureYears}); it replaces the mapped grid's figure for those
  regions. Method: the 2019-2020 files give lifecycle figures, the files from 2021 on operational gross
  emissions, hourly-weighted. The CFE share is kept as information only and never subtracted (the SCI
  specification excludes market-based measures). Changes: figures rounded to 0.01 g; regions listed only by
  Google placed on a grid (for live providers' zone) curated here: ${googleOnly}.
- **AWS** region codes and cities from ${AWS_REGIONS_URL}; **Azure** regions missing from Green Algorithms
  from ${AZURE_REGIONS_URL}. The grid location of each is curated in \`scripts/derive-grid.mjs\`. AWS and
  Azure publish no per-region grid figure: their regions use the figure of the grid they are mapped to.

## reference-values.json

Memory power (0.3725 W/GB), car km (EU 175, US 251 gCO2/km) and tree-months (917 g) from Green Algorithms'
\`referenceValues.csv\` (CC BY 4.0); one smartphone charge = 0.012 kWh from Luccioni et al. (2024).
`;
}
