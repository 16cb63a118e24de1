// Country grid carbon intensity over data/grid-countries.json (derived by scripts/derive-data.mjs;
// see data/NOTICE.md). Pure: the JSON is bundled at build time, nothing is read from disk at runtime.
import gridData from '../../data/grid-countries.json' with { type: 'json' };

export interface CountryIntensity {
  /** ISO 3166-1 alpha-2; null for a row with no alpha-2 (none in the current data). */
  alpha2: string | null;
  alpha3: string;
  name: string;
  /** Lifecycle gCO2e per kWh, rounded to 0.1 g. */
  gPerKwh: number;
  /** Year the figure describes (varies by country: 2009 to 2023). */
  year: number;
}

export interface WorldIntensity {
  gPerKwh: number;
  year: number;
  source: string;
}

interface GridFile {
  world: WorldIntensity;
  countries: CountryIntensity[];
}

// Assignment (not `as`) so tsc checks the committed JSON still has the shape this module relies on.
const data: GridFile = gridData;

const byCode = new Map<string, CountryIntensity>();
for (const country of data.countries) {
  byCode.set(country.alpha3, country);
  if (country.alpha2 !== null) byCode.set(country.alpha2, country);
}

/** Looks a country up by ISO alpha-2 or alpha-3 code, case-insensitively ("fr", "FRA"). */
export function findCountry(code: string): CountryIntensity | null {
  const country = byCode.get(code.trim().toUpperCase());
  // A copy, so a caller cannot alter the shared table.
  return country ? { ...country } : null;
}

/** The default when no country is known: IEA 2019 world average, 475 g/kWh. */
export function worldAverage(): WorldIntensity {
  return { ...data.world };
}

/** Every accepted code, alpha-2 and alpha-3, upper case and sorted: candidates for "did you mean". */
export function allCountryCodes(): string[] {
  return [...byCode.keys()].sort();
}
