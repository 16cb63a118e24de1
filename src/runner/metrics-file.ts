/**
 * The metrics file: a benchmark may write one JSON object to $CARBON_GATE_METRICS_FILE, e.g.
 * `{"accuracy": 0.93, "loss": 0.21}`. Numbers and strings become metrics; two keys are special:
 * `layers` (TF.js: every layer of the model, in model order) and `error` (why the benchmark failed, in one
 * line).
 * Anything else is ignored; sizes are capped so a runaway benchmark cannot bloat the report.
 */
import { z } from 'zod';

const MAX_METRICS = 64;
/**
 * The most layers a metrics file lists (the TF.js runner writes as many): past it, the ones with the most
 * MACs are kept, in model order (keepLayers).
 */
export const MAX_LAYERS = 64;
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
  /**
   * The layer's size in a few characters, so that a resize shows: units ("512": dense and recurrent),
   * filters and kernel ("32 3×3": convolutions), else the output shape without the batch ("26×26×32").
   */
  units: z.string().max(MAX_TEXT).optional(),
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

// C0 and C1 control characters (tab, CR and LF are whitespace, made spaces first): JSON writes each as
// \u00XX, six bytes for one, and a terminal or a log may act on them.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g; // eslint-disable-line no-control-regex
// Half a surrogate pair: JSON writes it as \udXXX; it is no character anyway.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const clean = (s: string) =>
  s.replace(/\s+/g, ' ').replace(CONTROL, '').replace(LONE_SURROGATE, '\ufffd').trim();
const oneLine = (s: string) => clean(s).slice(0, MAX_TEXT);
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function layerCost(v: unknown): LayerCost | undefined {
  if (!isRecord(v)) return undefined;
  const { name, type, params, macs, share, units } = v;
  const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;
  if (typeof name !== 'string' || typeof type !== 'string') return undefined;
  if (!finite(params) || !finite(macs) || !finite(share)) return undefined;
  if (units !== undefined && typeof units !== 'string') return undefined;
  const layer: LayerCost = { name: oneLine(name), type: oneLine(type), params, macs, share };
  if (units !== undefined && oneLine(units)) layer.units = oneLine(units);
  return layer;
}

/** Indices of `layers` by MACs, most first (then parameters; among equals, model order). */
const byCost = (layers: readonly LayerCost[]) =>
  layers
    .map((_, i) => i)
    .sort((a, b) => layers[b]!.macs - layers[a]!.macs || layers[b]!.params - layers[a]!.params || a - b);

/** At most `max` layers (MAX_LAYERS): the ones with the most MACs, in the order given (model order). */
export function keepLayers<T extends LayerCost>(layers: readonly T[], max = MAX_LAYERS): T[] {
  if (layers.length <= max) return [...layers];
  const kept = new Set(byCost(layers).slice(0, max));
  return layers.filter((_, i) => kept.has(i));
}

/**
 * The `n` layers with the most MACs, most first, for display ("top layers by MACs"); layers with neither
 * MACs nor parameters (flatten, dropout, activations) are left out.
 */
export function topLayers(layers: readonly LayerCost[], n: number): LayerCost[] {
  return byCost(layers)
    .map((i) => layers[i]!)
    .filter((l) => l.macs > 0 || l.params > 0)
    .slice(0, n);
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
  let kept = 0;
  for (const [raw, v] of Object.entries(value)) {
    if (raw === 'layers' || raw === 'error') continue;
    const key = clean(raw);
    const usable = (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string';
    if (!usable || !key || key.length > MAX_KEY || Object.hasOwn(out.metrics, key) || kept >= MAX_METRICS)
      dropped++;
    else {
      out.metrics[key] = typeof v === 'string' ? oneLine(v) : v;
      kept++;
    }
  }
  if (dropped) out.problems.push(`metrics file: ${dropped} entr${dropped === 1 ? 'y' : 'ies'} ignored`);
  if (Array.isArray(value['layers'])) {
    const layers = value['layers'].map(layerCost);
    if (layers.some((l) => !l)) out.problems.push('metrics file: malformed layers ignored');
    const valid = layers.filter((l): l is LayerCost => l !== undefined);
    const ok = keepLayers(valid);
    const past = valid.length - ok.length;
    if (past)
      out.problems.push(
        `metrics file: ${past} layer${past === 1 ? '' : 's'} past ${MAX_LAYERS} ignored (those with the fewest MACs)`,
      );
    if (ok.length) out.layers = ok;
  }
  if (typeof value['error'] === 'string' && oneLine(value['error'])) out.error = oneLine(value['error']);
  return out;
}

/**
 * The most bytes one sample's metrics and layers may take in the report. A suite of many repeats gets
 * less each (sampleMetricsCap): the report must stay within what the Action reads (MAX_REPORT_BYTES,
 * src/report/view-schema.ts) for the largest suite the config accepts.
 */
export const SAMPLE_METRICS_MAX_BYTES = 16 * 1024;
/**
 * The most bytes the metrics and layers of all the samples of one suite may take in the report. The
 * benchmark's summary (src/report/model-metrics.ts: the union of its samples' keys, the first sample's
 * layers) takes at most as much again; with the rest of a report at the config's limits (about 9 MB),
 * 2 × 10 MiB stays under MAX_REPORT_BYTES (32 MiB): test/runner/metrics-report-bound.test.ts.
 */
export const SUITE_METRICS_MAX_BYTES = 10 * 1024 * 1024;

/** The per-sample cap for a suite of `suiteRepeats` metered repeats: 16 KiB, less past 640 repeats. */
export function sampleMetricsCap(suiteRepeats: number): number {
  return Math.min(SAMPLE_METRICS_MAX_BYTES, Math.floor(SUITE_METRICS_MAX_BYTES / Math.max(1, suiteRepeats)));
}

/**
 * A sample's metrics sit six levels deep in the report, written indented by 2: each of their lines
 * takes this many spaces more than when written alone.
 */
const DEPTH = 12;
/** `"metrics": {` and `},`, `"layers": [` and `],` on their own lines. */
const BLOCKS_BYTES = 2 * (2 * (DEPTH - 2) + 16);
const bytes = (s: string) => Buffer.byteLength(s);
const metricBytes = (key: string, v: MetricValue) =>
  DEPTH + bytes(JSON.stringify(key)) + 2 + bytes(JSON.stringify(v)) + 2;
function layerBytes(layer: LayerCost): number {
  const text = JSON.stringify(layer, null, 2);
  return bytes(text) + DEPTH * text.split('\n').length + 2;
}

/**
 * Keeps what fits in `capBytes` as the report writes it (indented, at a sample's depth): metrics in the
 * file's order, then layers, those with the most MACs first (the rest stay in model order); notes how many
 * entries were dropped.
 */
export function capSampleMetrics(reported: ReportedMetrics, capBytes: number): ReportedMetrics {
  let used = BLOCKS_BYTES;
  let dropped = 0;
  const fits = (n: number) => {
    if (used + n > capBytes) {
      dropped++;
      return false;
    }
    used += n;
    return true;
  };
  const metrics: Record<string, MetricValue> = {};
  for (const [key, v] of Object.entries(reported.metrics)) if (fits(metricBytes(key, v))) metrics[key] = v;
  const all = reported.layers ?? [];
  const kept = new Set(byCost(all).filter((i) => fits(layerBytes(all[i]!))));
  const layers = all.filter((_, i) => kept.has(i));
  if (!dropped) return reported;
  const out: ReportedMetrics = {
    ...reported,
    metrics,
    problems: [
      ...reported.problems,
      `metrics file: ${dropped} entr${dropped === 1 ? 'y' : 'ies'} dropped: one sample's metrics and layers are capped at ${capBytes} bytes`,
    ],
  };
  if (layers.length) out.layers = layers;
  else delete out.layers;
  return out;
}

const BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
export const BackendSchema = z.enum(BACKENDS);

/** The backend a TF.js benchmark reported, when it is one carbon-gate knows. */
export function reportedBackend(metrics: Record<string, MetricValue> | undefined) {
  const b = metrics?.['backend'];
  return BACKENDS.find((x) => x === b);
}
