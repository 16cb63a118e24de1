import type { CleanerWhen } from '../carbon/cleaner-when.js';
import { terminalSafe } from '../text/terminal-safe.js';
import {
  formatDuration,
  formatEnergy,
  formatMass,
  percentWhole,
  sig3,
  whole,
} from '../text/format-number.js';
import type { Report } from './types.js';

const years = (s: number) => `${sig3(s / (365 * 86_400))} y`;

/** The table's carbon provenance: grid, PUE, embodied model, per-unit, equivalents, hints. */
export function carbonLines(report: Report): string[] {
  const c = report.carbon;
  const t = report.totals;
  const measured = c.measuredAt ? ` at ${terminalSafe(c.measuredAt)}` : '';
  const lines = [
    `Grid: ${terminalSafe(c.region)} (${terminalSafe(c.regionName)}) ${c.intensityGPerKwh} g CO2e/kWh, ${c.intensityYear}, ` +
      `${terminalSafe(c.source)} (${c.method}, ${c.intensitySource}${measured}); region from ${c.regionOrigin}`,
    `PUE: ${c.pue} (${terminalSafe(c.pueSource)})`,
    c.embodied
      ? `Embodied: ${c.embodied.totalKg} kg × time ÷ ${years(c.embodied.lifetimeS)} × share ${sig3(c.embodied.share)} = ` +
        `${formatMass(c.embodied.gPerHour)}/h (${terminalSafe(c.embodied.source)}); this run ${formatMass(t.embodiedG)}`
      : 'Embodied: not counted',
    c.embodied
      ? `CO2e: ${formatMass(t.co2eG)} = operational ${formatMass(t.operationalG)} + embodied ${formatMass(t.embodiedG)}`
      : `CO2e: ${formatMass(t.co2eG)}, all operational`,
  ];
  for (const b of report.benchmarks) {
    const u = b.perUnit;
    if (!u) continue;
    lines.push(
      `  ${terminalSafe(b.name)} per ${u.name}: ${formatEnergy(u.energyJ)}, ${formatMass(u.co2eG)}; ` +
        `per 1,000: ${formatEnergy(u.per1000.energyKwh * 3_600_000)}, ${formatMass(u.per1000.co2eG)}`,
    );
  }
  const equivalents = equivalentsLine(t.equivalents);
  if (equivalents) lines.push(equivalents);
  const h = c.cleanerElsewhere;
  if (h) {
    lines.push(
      `Elsewhere on ${h.provider}: cleanest ${h.cleanest.region} ${formatMass(h.cleanest.operationalG)}, ` +
        `dirtiest ${h.dirtiest.region} ${formatMass(h.dirtiest.operationalG)} (operational, same energy)`,
    );
  }
  lines.push(...cleanerWhenLines(report));
  const p = report.projection;
  if (p) {
    lines.push(
      `Projection: training + ${sig3(p.queries)} queries = ${formatEnergy(p.energyKwh * 3_600_000)}, ${formatMass(p.co2eG)} (Patterson et al. 2022)`,
    );
  }
  return lines;
}

/**
 * "≈ 1.20 smartphone charges, 0.0500 km by car": only the equivalents that do not round to nothing at two
 * decimals (a 5 J benchmark is no useful share of a tree-month); undefined when none is left.
 */
export function equivalentsLine(e: { smartphoneCharges: number; carKm: number; treeMonths: number }) {
  const parts = [
    [e.smartphoneCharges, 'smartphone charges'],
    [e.carKm, 'km by car'],
    [e.treeMonths, 'tree-months of CO2 uptake'],
  ] as const;
  const kept = parts.filter(([v]) => v >= 0.005).map(([v, what]) => `${sig3(v)} ${what}`);
  return kept.length ? `≈ ${kept.join(', ')}` : undefined;
}

/** "2024-05-02 03:00 UTC" from an ISO time; text that does not parse is shown as it is. */
export function utcMinute(isoTime: string): string {
  const ms = Date.parse(isoTime);
  if (!Number.isFinite(ms)) return isoTime;
  const t = new Date(ms).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)} UTC`;
}

/**
 * One hint as a phrase, for the table, `carbon-gate when` and (escaped, with U+2212) the PR comment:
 * "run at 2024-05-02 03:00 UTC: -38 % (165 vs 266 g CO2e/kWh now, over 2 h 00 m), 1.23 g less", or
 * "now is as good as any later start of 2 h 00 m until 2024-05-03 12:00 UTC (266 g CO2e/kWh)".
 */
export function cleanerWhenText(h: CleanerWhen, minus = '-'): string {
  const over = formatDuration(h.durationS);
  if (h.savingShare === 0) {
    return (
      `now is as good as any later start of ${over} until ${utcMinute(h.horizonEnd)} ` +
      `(${whole(h.nowGPerKwh)} g CO2e/kWh)`
    );
  }
  const saved = h.co2eSavedG !== undefined ? `, ${formatMass(h.co2eSavedG)} less` : '';
  return (
    `run at ${utcMinute(h.start)}: ${minus}${percentWhole(h.savingShare)} ` +
    `(${whole(h.avgGPerKwh)} vs ${whole(h.nowGPerKwh)} g CO2e/kWh now, over ${over})${saved}`
  );
}

/** Training benchmarks' cleaner-when hints, under the forecast they come from; none without a forecast. */
export function cleanerWhenLines(report: Report): string[] {
  const f = report.carbon.forecast;
  const hinted = report.benchmarks.filter((b) => b.cleanerWhen);
  if (!f || hinted.length === 0) return [];
  return [
    `Cleaner when (${terminalSafe(f.source)}, ${f.points} points to ${terminalSafe(utcMinute(f.to))}):`,
    ...hinted.map((b) => `  ${terminalSafe(b.name)}: ${terminalSafe(cleanerWhenText(b.cleanerWhen!))}`),
  ];
}
