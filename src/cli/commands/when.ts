import { cleanerWhen, forecastInfo, type CleanerWhen, type ForecastInfo } from '../../carbon/cleaner-when.js';
import { resolveCarbon, type CarbonSetup } from '../../carbon/io/resolve-carbon.js';
import { UsageError } from '../../errors/usage-error.js';
import { cleanerWhenText, utcMinute } from '../../report/carbon-lines.js';
import { formatDuration } from '../../text/format-number.js';
import { terminalSafe } from '../../text/terminal-safe.js';
import { parseLongDuration } from '../../units.js';
import { CARBON_FLAG_HELP, CARBON_FLAG_OPTIONS, numberFlag, parseCarbonFlags } from '../carbon-flags.js';
import { EXIT } from '../exit-codes.js';
import { parseOptions } from '../parse-options.js';

export const WHEN_HELP = `carbon-gate when — when would a job of this length emit least? (the live provider's 24–48 h forecast)

Usage:
  carbon-gate when --duration D [--region R] [--intensity-source S] [--zone Z] [--energy-kwh X] [--json]

Options:
  --duration D    the job's length, e.g. 45m, 2h, 1.5h, 1d (required)
${CARBON_FLAG_HELP}
  --zone Z        live provider zone/region (Electricity Maps zone, WattTime region)
  --energy-kwh X  the job's IT energy: also says how many grams a later start saves (× PUE)
  --json          JSON: region, durationS, intensitySource, forecast, cleanerWhen (null when none), reason
  --help          this text

Finds the lowest-average-intensity window of D that starts now or later and ends within the forecast
(at most 48 h ahead), and compares it with starting now. Forecasts come from the live sources only
(uk: Great Britain, half-hourly; electricity-maps; watttime, marginal): with embedded tables, --intensity
or a failed fetch there is no forecast, and the command says so (exit 0).`;

const OPTIONS = {
  ...CARBON_FLAG_OPTIONS,
  zone: { type: 'string' },
  duration: { type: 'string' },
  'energy-kwh': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

function durationFlag(text: string | undefined): number {
  if (text === undefined) throw new UsageError('--duration: required, the job’s length, e.g. --duration 2h');
  const s = parseLongDuration(text);
  if (s === null || s <= 0)
    throw new UsageError(`--duration: expected a duration > 0 like 45m, 2h or 1d, found "${text}"`);
  return s;
}

/** Why there is no forecast: said, never papered over with a guess. */
function noForecastReason(carbon: CarbonSetup): string {
  const source = carbon.grid.intensitySource;
  if (source === 'explicit') return '--intensity is one figure, not a forecast';
  if (source === 'embedded' && carbon.warnings.length === 0)
    return 'the embedded tables have none; use --intensity-source uk, electricity-maps or watttime';
  return 'the live provider gave none (see the warning)';
}

interface WhenAnswer {
  region: string;
  regionName: string;
  durationS: number;
  intensitySource: string;
  forecast: ForecastInfo | null;
  cleanerWhen: CleanerWhen | null;
  reason?: string;
  notices: string[];
}

function human(a: WhenAnswer): string {
  const lines = [
    `Region: ${terminalSafe(a.region)} (${terminalSafe(a.regionName)}), a job of ${formatDuration(a.durationS)}`,
  ];
  const f = a.forecast;
  if (f) {
    lines.push(
      `Forecast: ${terminalSafe(f.source)}, ${f.points} points, ${terminalSafe(utcMinute(f.from))} to ${terminalSafe(utcMinute(f.to))}`,
    );
  }
  const h = a.cleanerWhen;
  if (h) {
    lines.push(`Cleaner when: ${cleanerWhenText(h)}`);
    if (h.savingShare > 0) lines.push(`Window: ${utcMinute(h.start)} to ${utcMinute(h.end)}`);
  } else if (a.reason) {
    lines.push(a.reason.charAt(0).toUpperCase() + a.reason.slice(1));
  }
  return lines.join('\n');
}

/** `carbon-gate when`: the cleaner-when hint for a planned job, from the live provider's forecast. */
export async function whenCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions('when', args, OPTIONS);
  if (values.help) {
    process.stdout.write(WHEN_HELP + '\n');
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(`when: unexpected argument "${positionals[0]}"`);
  const durationS = durationFlag(values.duration);
  const flags = parseCarbonFlags(values);
  const energyKwh = numberFlag('energy-kwh', values['energy-kwh'], 0, 1e9);
  const carbon = await resolveCarbon({
    region: { flag: flags.region },
    pue: { flag: flags.pue },
    intensity: {
      value: flags.intensity,
      sourceFlag: flags.source,
      zone: values.zone,
      credentials: { electricityMapsToken: flags.electricityMapsToken },
    },
    embodied: 'none',
    forecast: true,
    env: process.env,
  });
  for (const w of carbon.warnings) process.stderr.write(`carbon-gate: warning: ${w}\n`);
  const info = carbon.forecast ? forecastInfo(carbon.forecast) : null;
  const hint = carbon.forecast
    ? cleanerWhen({
        points: carbon.forecast.points,
        durationS,
        nowMs: Date.now(),
        ...(energyKwh !== undefined ? { energyKwh: energyKwh * carbon.pue.value } : {}),
      })
    : null;
  const reason = !info
    ? `no forecast available: ${noForecastReason(carbon)}`
    : !hint
      ? `no window of ${formatDuration(durationS)} fits in the forecast from now to ${utcMinute(info.to)}`
      : undefined;
  const notices = [...new Set(carbon.grid.notices.filter((n) => !carbon.warnings.includes(n)))];
  const answer: WhenAnswer = {
    region: carbon.grid.region,
    regionName: carbon.grid.regionName,
    durationS,
    intensitySource: carbon.grid.intensitySource,
    forecast: info,
    cleanerWhen: hint,
    ...(reason ? { reason } : {}),
    notices,
  };
  if (values.json) process.stdout.write(JSON.stringify(answer, null, 2) + '\n');
  else {
    process.stdout.write(human(answer) + '\n');
    for (const n of notices) process.stderr.write(`notice: ${terminalSafe(n)}\n`);
  }
  return EXIT.ok;
}
