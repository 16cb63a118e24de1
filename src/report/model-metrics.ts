import { z } from 'zod';
import {
  BackendSchema,
  LayersSchema,
  MetricsSchema,
  type LayerCost,
  type MetricValue,
} from '../runner/metrics-file.js';
import { DEFAULT_QUALITY } from '../config/metric-budget-schema.js';
import { median } from '../stats/median.js';

export const EfficiencySchema = z.object({
  /** The metric that counts as quality (config `quality`). */
  metric: z.string().max(64),
  /** Its median over successful repeats. */
  quality: z.number(),
  /** quality ÷ energy in kJ. */
  perKj: z.number(),
  /** energy in J ÷ quality: the figure `regression.metric: efficiency` gates (lower is better). */
  jPerQuality: z.number(),
});
export type Efficiency = z.infer<typeof EfficiencySchema>;

/**
 * What a benchmark reported about its own model (metrics file), summarised over successful repeats.
 * Part of each benchmark of the report, so the type is inferred from the schema src/report/schema.ts uses.
 */
export const ModelSummarySchema = z.object({
  backend: BackendSchema.optional(),
  layers: LayersSchema.optional(),
  /** Numbers: medians over successful repeats; strings: from the first. */
  metrics: MetricsSchema.optional(),
  /** Held-out accuracy ÷ energy in kJ: the Green-AI trade-off in one figure. */
  accuracyPerKj: z.number().optional(),
  /**
   * The benchmark's quality metric (`quality`, accuracy by default) against its energy, when it reported
   * one: quality per kJ and joules per unit of quality.
   */
  efficiency: EfficiencySchema.optional(),
});
export type ModelSummary = z.infer<typeof ModelSummarySchema>;

interface SampleModel {
  metrics?: Record<string, MetricValue>;
  layers?: LayerCost[];
  backend?: 'tensorflow' | 'wasm' | 'cpu';
}

export function summariseModel(
  ok: readonly SampleModel[],
  energyJ: number | null,
  quality: string = DEFAULT_QUALITY,
): ModelSummary {
  const out: ModelSummary = {};
  const first = ok.find((s) => s.metrics || s.layers || s.backend);
  if (!first) return out;
  if (first.backend) out.backend = first.backend;
  if (first.layers) out.layers = first.layers;
  const keys = [...new Set(ok.flatMap((s) => Object.keys(s.metrics ?? {})))].sort();
  if (keys.length) {
    const metrics: Record<string, MetricValue> = {};
    for (const key of keys) {
      const values = ok.map((s) => s.metrics?.[key]).filter((v) => v !== undefined);
      const numbers = values.filter((v): v is number => typeof v === 'number');
      metrics[key] = numbers.length === values.length ? median(numbers)! : String(values[0]);
    }
    out.metrics = metrics;
    const accuracy = metrics.accuracy;
    if (typeof accuracy === 'number' && energyJ !== null && energyJ > 0)
      out.accuracyPerKj = accuracy / (energyJ / 1000);
    const q = Object.hasOwn(metrics, quality) ? metrics[quality] : undefined;
    if (typeof q === 'number' && q > 0 && energyJ !== null && energyJ > 0)
      out.efficiency = { metric: quality, quality: q, perKj: q / (energyJ / 1000), jPerQuality: energyJ / q };
  }
  return out;
}
