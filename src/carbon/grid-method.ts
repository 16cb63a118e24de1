import { z } from 'zod';

/**
 * One method per number. A grid intensity is lifecycle (the whole chain: construction, fuel supply,
 * combustion; Ember/OWID, Electricity Maps' default), operational (combustion only, a.k.a. direct or
 * generation factors; Green Algorithms' sub-national figures, UK Carbon Intensity, Electricity Maps with
 * emissionFactorType=direct) or marginal (the plant that answers extra demand; WattTime MOER). Figures of
 * different methods are not comparable, so every intensity says which it is, a config may ask for one, and
 * a comparison across methods is flagged.
 */
export const GRID_METHODS = ['lifecycle', 'operational', 'marginal'] as const;
export type GridMethod = (typeof GRID_METHODS)[number];

/** The recorded method: one of GRID_METHODS where known; `unspecified` (world average, Nordic zones), `as given` (--intensity). */
export const INTENSITY_METHODS = [...GRID_METHODS, 'unspecified', 'as given'] as const;
export type IntensityMethod = (typeof INTENSITY_METHODS)[number];

const SYNONYMS: readonly [RegExp, IntensityMethod][] = [
  [/^(life[\s_-]?cycle|lca)\b/, 'lifecycle'],
  [/^(operational|direct|generation|combustion)\b/, 'operational'],
  [/^(marginal|moer)\b/, 'marginal'],
  [/^(as[\s_-]given|given|explicit)\b/, 'as given'],
];

/**
 * Any method text (a data file, a provider's answer, an older or foreign report) as one of
 * INTENSITY_METHODS, by its first word: "direct" is operational, "MOER" marginal; anything else,
 * including nothing, is `unspecified`, never guessed.
 */
export function normaliseMethod(raw: unknown): IntensityMethod {
  if (typeof raw !== 'string') return 'unspecified';
  const text = raw.trim().toLowerCase();
  return SYNONYMS.find(([re]) => re.test(text))?.[1] ?? 'unspecified';
}

/**
 * The report's `carbon.method`: a string, as always, documented as the set above. Readers take any short
 * string and normalise it (an older report, another tool), so the JSON Schema says "one of these, or a
 * string" and the parsed value is always one of INTENSITY_METHODS.
 */
export const IntensityMethodSchema = z
  .union([z.enum(INTENSITY_METHODS), z.string().max(100).transform(normaliseMethod)])
  .meta({
    description:
      'lifecycle | operational | marginal where the source says; unspecified (world average, Nordic zones) or "as given" (--intensity) otherwise. Readers map other text to these (direct → operational).',
  });

/** What makes two intensities comparable: the method, the provider or dataset, and the dataset's year. */
export interface GridIdentity {
  method: IntensityMethod;
  /** The provider or dataset, without zone, time or region placement: "Ember via OWID", "Electricity Maps". */
  source: string;
  /** The embedded dataset's year. Absent for live and explicit figures: their year is the run's own. */
  year?: number;
}

export const GridIdentitySchema = z.object({
  method: IntensityMethodSchema,
  source: z.string().max(300),
  year: z.number().int().min(0).max(10_000).optional(),
});

/** A report's `carbon`, as much of it as a reader may have: every field optional (older or foreign reports). */
export interface CarbonFacts {
  method?: string;
  source?: string;
  intensityYear?: number;
  intensitySource?: string;
  methodAsked?: string;
}

const LIVE_NAME: Record<string, string> = {
  'electricity-maps': 'Electricity Maps',
  watttime: 'WattTime',
  uk: 'UK Carbon Intensity',
};

/**
 * The embedded datasets, recognised in a source text that also names licences, a cloud region's placement
 * ("placed by Green Algorithms") and notes. First match wins: each pattern names the intensity file, not
 * the placement, so a cloud region reads as the grid dataset it uses.
 */
const DATASETS: readonly [RegExp, string][] = [
  [/region-carbon-info/i, 'Google region-carbon-info'],
  [/CI_aggregated/i, 'Green Algorithms'],
  [/Our World in Data|\bOWID\b/i, 'Ember via OWID'],
  [/nordic_emissions|ENTSO-E/i, 'CodeCarbon Nordic zones (ENTSO-E)'],
  [/\bIEA\b.*world average/i, 'IEA world average'],
];

/**
 * The provider (live) or the dataset (embedded, explicit): a live source's text carries its zone and time,
 * an embedded one its licence and the cloud region's placement, none of which changes the method or the
 * data. Text no pattern knows (another tool's, --intensity's "given with …") stands for itself, shortened.
 */
export function sourceLabel(c: Pick<CarbonFacts, 'source' | 'intensitySource'>): string {
  const live = c.intensitySource ? LIVE_NAME[c.intensitySource] : undefined;
  if (live) return live;
  const text = c.source ?? '';
  const known = DATASETS.find(([re]) => re.test(text))?.[1];
  if (known) return known;
  return (
    text
      .split(/ \(|[;:]/)[0]!
      .trim()
      .slice(0, 120) || 'unknown source'
  );
}

/** The identity of a report's grid; undefined when the report records no method (nothing to compare). */
export function gridIdentity(c: CarbonFacts | undefined): GridIdentity | undefined {
  if (!c || c.method === undefined) return undefined;
  const embedded = c.intensitySource === undefined || c.intensitySource === 'embedded';
  return {
    method: normaliseMethod(c.method),
    source: sourceLabel(c),
    ...(embedded && c.intensityYear !== undefined ? { year: c.intensityYear } : {}),
  };
}

/** A baseline's label is read from a file: each side's kept short, so a line fits the report's caps. */
const clip = (text: string) => (text.length > 120 ? `${text.slice(0, 119)}…` : text);

/**
 * What differs between the baseline's grid and this run's, one entry each ("method: lifecycle →
 * operational", baseline first): SCI compares like with like, the same method on both sides. Empty when
 * they agree, or when either side records no grid (older reports and records: not checked). The year is
 * compared only when both sides have one (embedded data); a live figure's own value varies by design.
 */
export function gridMismatch(base: GridIdentity | undefined, head: GridIdentity | undefined): string[] {
  if (!base || !head) return [];
  const out: string[] = [];
  if (base.method !== head.method) out.push(`method: ${base.method} → ${head.method}`);
  if (base.source !== head.source) out.push(`source: ${clip(base.source)} → ${clip(head.source)}`);
  if (base.year !== undefined && head.year !== undefined && base.year !== head.year)
    out.push(`year: ${base.year} → ${head.year}`);
  return out;
}

/**
 * The line said when `intensity.method` asks for a method the resolved source does not give; null when it
 * does (or nothing was asked). The figure is kept, never converted: no factor turns one method into another.
 */
export function methodNotMet(c: CarbonFacts | undefined): string | null {
  const asked = c?.methodAsked;
  if (!c || asked === undefined) return null;
  const method = normaliseMethod(c.method);
  if (method === asked) return null;
  return `grid intensity is ${method} (${sourceLabel(c)}), not the ${asked} asked for in intensity.method`;
}
