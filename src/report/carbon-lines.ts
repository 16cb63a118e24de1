import { terminalSafe } from '../text/terminal-safe.js';
import { formatEnergy, formatMass, sig3 } from '../text/format-number.js';
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
      : 'Embodied: not counted (0 g)',
    `CO2e: ${formatMass(t.co2eG)} = operational ${formatMass(t.operationalG)} + embodied ${formatMass(t.embodiedG)}`,
  ];
  for (const b of report.benchmarks) {
    const u = b.perUnit;
    if (!u) continue;
    lines.push(
      `  ${terminalSafe(b.name)} per ${u.name}: ${formatEnergy(u.energyJ)}, ${formatMass(u.co2eG)}; ` +
        `per 1,000: ${formatEnergy(u.per1000.energyKwh * 3_600_000)}, ${formatMass(u.per1000.co2eG)}`,
    );
  }
  const e = t.equivalents;
  lines.push(
    `≈ ${sig3(e.smartphoneCharges)} smartphone charges, ${sig3(e.carKm)} km by car, ${sig3(e.treeMonths)} tree-months of CO2 uptake`,
  );
  const h = c.cleanerElsewhere;
  if (h) {
    lines.push(
      `Elsewhere on ${h.provider}: cleanest ${h.cleanest.region} ${formatMass(h.cleanest.operationalG)}, ` +
        `dirtiest ${h.dirtiest.region} ${formatMass(h.dirtiest.operationalG)} (operational, same energy)`,
    );
  }
  const p = report.projection;
  if (p) {
    lines.push(
      `Projection: training + ${sig3(p.queries)} queries = ${formatEnergy(p.energyKwh * 3_600_000)}, ${formatMass(p.co2eG)} (Patterson et al. 2022)`,
    );
  }
  return lines;
}
