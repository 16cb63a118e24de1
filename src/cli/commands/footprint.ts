import { computeFootprint, type EnergyInput, type FootprintResult } from '../../carbon/footprint-calc.js';
import { SECONDS_PER_YEAR } from '../../carbon/embodied.js';
import { resolveCarbon } from '../../carbon/io/resolve-carbon.js';
import { UsageError } from '../../errors/usage-error.js';
import { formatEnergy, formatMass } from '../../text/format-number.js';
import { parseLongDuration } from '../../units.js';
import { CARBON_FLAG_HELP, CARBON_FLAG_OPTIONS, numberFlag, parseCarbonFlags } from '../carbon-flags.js';
import { EXIT } from '../exit-codes.js';
import { parseOptions } from '../parse-options.js';

export const FOOTPRINT_HELP = `carbon-gate footprint — CO2e of a known energy or of a Green Algorithms-style job, no benchmark run

Usage:
  carbon-gate footprint --energy-kwh X [--region R] [--pue P] [--intensity G] [--json]
  carbon-gate footprint --cores N --tdp-per-core W [--usage U] [--memory-gb M] --hours H [--pue P]
                        (--intensity G | --region R) [--json]
  … [--duration D --embodied-kg KG [--lifetime L] [--share S]]

Energy:
  --energy-kwh X        IT energy; operational = X × PUE × intensity
  --cores N --tdp-per-core W --usage U (default 1) --memory-gb M (default 0) --hours H
                        Green Algorithms: P = PUE × (N × W × U + M × 0.3725) W, energy = P × H,
                        which includes PUE; operational = energy × intensity
Grid:
${CARBON_FLAG_HELP}
  --zone Z        live provider zone/region (Electricity Maps zone, WattTime region)
Embodied (SCI M = KG × D ÷ L × S):
  --embodied-kg KG      the machine's embodied emissions, kg CO2e
  --duration D          time used, e.g. 1h, 90m (default: --hours)
  --lifetime L          expected lifespan (default 4y; y = 365 days)
  --share S             share of the machine reserved, 0 to 1 or a fraction like 4/128 (default 1)
Output:
  --json          JSON: region, intensityGPerKwh, pue, energyKwh, operationalG, embodiedG, totalG, source, provenance
  --help          this text`;

const OPTIONS = {
  ...CARBON_FLAG_OPTIONS,
  zone: { type: 'string' },
  'energy-kwh': { type: 'string' },
  cores: { type: 'string' },
  'tdp-per-core': { type: 'string' },
  usage: { type: 'string' },
  'memory-gb': { type: 'string' },
  hours: { type: 'string' },
  duration: { type: 'string' },
  'embodied-kg': { type: 'string' },
  lifetime: { type: 'string' },
  share: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

type Values = Partial<Record<Exclude<keyof typeof OPTIONS, 'json' | 'help'>, string>>;

function duration(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const s = parseLongDuration(text);
  if (s === null || s <= 0)
    throw new UsageError(`--${name}: expected a duration > 0 like 1h, 30m or 4y, found "${text}"`);
  return s;
}

function share(text: string | undefined): number {
  if (text === undefined) return 1;
  const m = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(text.trim());
  const value = m ? Number(m[1]) / Number(m[2]) : Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value > 1) {
    throw new UsageError(`--share: expected a number > 0 and ≤ 1 or a fraction like 4/128, found "${text}"`);
  }
  return value;
}

function energyInput(v: Values): EnergyInput {
  const kwh = numberFlag('energy-kwh', v['energy-kwh'], 0, 1e9);
  const ga = v.cores !== undefined || v['tdp-per-core'] !== undefined || v.hours !== undefined;
  if (kwh !== undefined && ga)
    throw new UsageError(
      'footprint: give either --energy-kwh or the --cores/--tdp-per-core/--hours form, not both',
    );
  if (kwh !== undefined) return { kind: 'metered', energyKwh: kwh };
  const cores = numberFlag('cores', v.cores, 0, 1e6);
  const tdpPerCoreW = numberFlag('tdp-per-core', v['tdp-per-core'], 0, 1000);
  const hours = numberFlag('hours', v.hours, 0, 1e6);
  if (cores === undefined || tdpPerCoreW === undefined || hours === undefined) {
    throw new UsageError(
      'footprint: expected --energy-kwh X, or --cores N --tdp-per-core W --hours H (see carbon-gate footprint --help)',
    );
  }
  const usage = numberFlag('usage', v.usage, 0, 1) ?? 1;
  const memoryGb = numberFlag('memory-gb', v['memory-gb'], 0, 1e6) ?? 0;
  return { kind: 'green-algorithms', cores, tdpPerCoreW, usage, memoryGb, hours };
}

function embodied(v: Values, energy: EnergyInput) {
  const kg = numberFlag('embodied-kg', v['embodied-kg'], 0, 1e6);
  if (kg === undefined) {
    if (v.duration !== undefined || v.lifetime !== undefined || v.share !== undefined) {
      throw new UsageError('footprint: --duration, --lifetime and --share need --embodied-kg');
    }
    return undefined;
  }
  const durationS =
    duration('duration', v.duration) ??
    (energy.kind === 'green-algorithms' ? energy.hours * 3600 : undefined);
  if (durationS === undefined) throw new UsageError('footprint: --embodied-kg needs --duration (e.g. 1h)');
  const lifetimeS = duration('lifetime', v.lifetime) ?? 4 * SECONDS_PER_YEAR;
  return { model: { totalKg: kg, lifetimeS, share: share(v.share), source: 'command line' }, durationS };
}

function human(r: FootprintResult): string {
  const p = r.provenance;
  return [
    `Region: ${r.region} (${r.regionName}), ${r.intensityGPerKwh} g CO2e/kWh, ${p.intensityYear}, ${r.source} (${p.method}, ${p.intensitySource})`,
    `PUE: ${r.pue} (${p.pueSource})`,
    `Energy: ${formatEnergy(r.energyKwh * 3_600_000)}${p.energy.pueIncluded ? ' (includes PUE)' : ' (IT)'}; ${p.energy.formula}`,
    `Operational: ${formatMass(r.operationalG)}`,
    `Embodied: ${p.embodied ? formatMass(r.embodiedG) : 'not counted (0 g; see --embodied-kg)'}`,
    `Total: ${formatMass(r.totalG)}`,
  ].join('\n');
}

/** `carbon-gate footprint`: a calculator over the same carbon model the reports use. */
export async function footprintCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions('footprint', args, OPTIONS);
  if (values.help) {
    process.stdout.write(FOOTPRINT_HELP + '\n');
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(`footprint: unexpected argument "${positionals[0]}"`);
  const flags = parseCarbonFlags(values);
  const energy = energyInput(values);
  const emb = embodied(values, energy);
  const carbon = await resolveCarbon({
    region: { flag: flags.region },
    pue: { flag: flags.pue },
    intensity: {
      value: flags.intensity,
      sourceFlag: flags.source,
      zone: values.zone,
      credentials: { electricityMapsToken: flags.electricityMapsToken },
    },
    // The calculator counts embodied carbon only from its own flags, never from the environment.
    embodied: 'none',
    env: process.env,
  });
  for (const w of carbon.warnings) process.stderr.write(`carbon-gate: warning: ${w}\n`);
  const result = computeFootprint({
    grid: carbon.grid,
    pue: carbon.pue,
    energy,
    ...(emb ? { embodied: emb } : {}),
  });
  const notices = [...new Set([...carbon.grid.notices, ...carbon.pue.notices])];
  if (values.json) process.stdout.write(JSON.stringify({ ...result, notices }, null, 2) + '\n');
  else {
    process.stdout.write(human(result) + '\n');
    for (const n of notices) process.stderr.write(`notice: ${n}\n`);
  }
  return EXIT.ok;
}
