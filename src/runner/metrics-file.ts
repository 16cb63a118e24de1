/**
 * The metrics file: a benchmark may write one JSON object to $CARBON_GATE_METRICS_FILE, e.g.
 * `{"accuracy": 0.93, "loss": 0.21}`. Numbers and strings become metrics; two keys are special:
 * `layers` (TF.js: the most expensive layers) and `error` (why the benchmark failed, in one line).
 * Anything else is ignored; sizes are capped so a runaway benchmark cannot bloat the report.
 */
import { z } from 'zod';

const MAX_METRICS = 64;
const MAX_LAYERS = 10;
const MAX_KEY = 64;
const MAX_TEXT = 300;

// Report fields (samples' and benchmarks' metrics, layers, backend): the types are inferred from these
// schemas, which src/report/schema.ts builds on, with the same caps the parser below applies.
export const MetricValueSchema = z.union([z.number(), z.string().max(MAX_TEXT)]);
export type MetricValue = z.infer<typeof MetricValueSchema>;
export const MetricsSchema = z.record(z.string().max(MAX_KEY), MetricValueSchema);

export const LayerCostSchema = z.object({
  name: z.string().max(MAX_TEXT),
  type: z.string().max(MAX_TEXT),
  params: z.number(),
  /** Multiply-accumulates per example, forward pass. */
  macs: z.number(),
  /** macs ÷ the model's total MACs. */
  share: z.number(),
});
export type LayerCost = z.infer<typeof LayerCostSchema>;
export const LayersSchema = z.array(LayerCostSchema).max(MAX_LAYERS);

export interface ReportedMetrics {
  metrics: Record<string, MetricValue>;
  layers?: LayerCost[];
  error?: string;
  /** What was wrong with the file, if anything (the report notes it). */
  problems: string[];
}

export const METRICS_ENV = 'CARBON_GATE_METRICS_FILE';

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function layerCost(v: unknown): LayerCost | undefined {
  if (!isRecord(v)) return undefined;
  const { name, type, params, macs, share } = v;
  const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;
  if (typeof name !== 'string' || typeof type !== 'string') return undefined;
  if (!finite(params) || !finite(macs) || !finite(share)) return undefined;
  return { name: oneLine(name), type: oneLine(type), params, macs, share };
}

/** Reads a metrics file's text; never throws. */
export function parseMetricsFile(text: string): ReportedMetrics {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { metrics: {}, problems: ['metrics file is not JSON: ignored'] };
  }
  if (!isRecord(value)) return { metrics: {}, problems: ['metrics file is not a JSON object: ignored'] };
  const out: ReportedMetrics = { metrics: {}, problems: [] };
  let dropped = 0;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'layers' || key === 'error') continue;
    const usable = (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string';
    if (!usable || key.length > MAX_KEY || Object.keys(out.metrics).length >= MAX_METRICS) dropped++;
    else out.metrics[key] = typeof v === 'string' ? oneLine(v) : v;
  }
  if (dropped) out.problems.push(`metrics file: ${dropped} entr${dropped === 1 ? 'y' : 'ies'} ignored`);
  if (Array.isArray(value['layers'])) {
    const layers = value['layers'].map(layerCost);
    if (layers.some((l) => !l)) out.problems.push('metrics file: malformed layers ignored');
    const ok = layers.filter((l): l is LayerCost => l !== undefined).slice(0, MAX_LAYERS);
    if (ok.length) out.layers = ok;
  }
  if (typeof value['error'] === 'string' && value['error'].trim()) out.error = oneLine(value['error']);
  return out;
}

const BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
export const BackendSchema = z.enum(BACKENDS);

/** The backend a TF.js benchmark reported, when it is one carbon-gate knows. */
export function reportedBackend(metrics: Record<string, MetricValue> | undefined) {
  const b = metrics?.['backend'];
  return BACKENDS.find((x) => x === b);
}
