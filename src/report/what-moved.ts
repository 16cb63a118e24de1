import { DEFAULT_QUALITY } from '../config/metric-budget-schema.js';
import { metricLabel } from '../gate/format.js';
import type { Comparison, MetricChange } from '../gate/types.js';
import { fixed, markdownRatioChange, signedSig3 } from '../text/format-number.js';
import { layerDiffLines, type LayerDiff } from './layer-diff.js';
import type { Efficiency } from './model-metrics.js';

/**
 * Why a benchmark's figures moved against the baseline, in a few lines for the comment and the terminal:
 * the energy/quality trade-off in one line when both moved, the layers a TF.js model gained or lost, and
 * otherwise the reported metrics that moved most. Pure; the caller escapes for its medium.
 */
export interface MovedInput {
  // metric as text: a report from a newer version may gate on a metric this one does not know.
  comparison?: (Pick<Comparison, 'ratio' | 'ci95'> & { metric: string }) | undefined;
  metricChanges?: readonly MetricChange[] | undefined;
  layerDiff?: LayerDiff | undefined;
  efficiency?: Pick<Efficiency, 'metric'> | undefined;
  budget?: { quality?: string | undefined } | undefined;
}

/** Metrics a runner reports about its set-up rather than its result: not worth a line when they move. */
const SETUP = new Set(['samples', 'epochs', 'batchSize', 'params', 'macs', 'taskS', 'seed', 'testSplit']);

/** Metrics read in points: 0–1 shares by name (accuracy, precision, recall, F1, AUC, IoU) and by value. */
const SHARE_NAME = /accuracy|precision|recall|^f1|auc|iou/i;
const isShare = (c: MetricChange) =>
  SHARE_NAME.test(c.metric) && c.base >= 0 && c.base <= 1 && c.head >= 0 && c.head <= 1;

/** "accuracy −0.4 pt" for a 0–1 metric, else "psnrDb −1.20 (−5.1 %)". Typographic minus (markdown). */
export function metricChangeText(c: MetricChange): string {
  const minus = (s: string) => s.replace(/^-/, '−');
  if (isShare(c)) {
    const pt = c.change * 100;
    return `${c.metric} ${pt > 0 ? '+' : pt < 0 ? '−' : '±'}${fixed(Math.abs(pt), 1)} pt`;
  }
  const rel = c.base !== 0 ? ` (${markdownRatioChange(1 + c.change / Math.abs(c.base))})` : '';
  return `${c.metric} ${minus(signedSig3(c.change, true))}${rel}`;
}

/** "energy −21.0 % [−24.0, −18.0], accuracy −0.4 pt": only when the gated figure and the quality both moved. */
export function tradeOffLine(b: MovedInput): string | undefined {
  const c = b.comparison;
  const quality = b.efficiency?.metric ?? b.budget?.quality ?? DEFAULT_QUALITY;
  const q = b.metricChanges?.find((m) => m.metric === quality);
  if (!c || !q || c.metric === 'efficiency' || c.ratio === 1 || q.change === 0) return undefined;
  const ci = c.ci95
    ? ` [${markdownRatioChange(c.ci95[0]).replace(' %', '')}, ${markdownRatioChange(c.ci95[1]).replace(' %', '')}]`
    : '';
  return `${metricLabel(c.metric)} ${markdownRatioChange(c.ratio)}${ci}, ${metricChangeText(q)}`;
}

/** The lines for one benchmark; empty when nothing moved or there was no baseline. */
export function whatMoved(b: MovedInput): string[] {
  const lines: string[] = [];
  const trade = tradeOffLine(b);
  if (trade) lines.push(trade);
  if (b.layerDiff) {
    const measured = b.comparison?.metric === 'energy' ? b.comparison.ratio : undefined;
    lines.push(...layerDiffLines(b.layerDiff, measured));
  } else {
    const moved = (b.metricChanges ?? []).filter((c) => !SETUP.has(c.metric)).slice(0, 3);
    if (moved.length) lines.push(`metrics that moved most: ${moved.map(metricChangeText).join(', ')}`);
  }
  return lines;
}
