/**
 * Why the energy moved (issue 17 §3): the layers a TF.js model gained, lost or resized between the base
 * and the head, the change in total MACs, and the energy change that predicts (to first order, energy
 * scales with MACs) beside the measured one. Pure: layer lists in (metrics file `layers`, model order),
 * data and lines out.
 */
import { z } from 'zod';
import type { LayerCost } from '../runner/metrics-file.js';
import { grouped, markdownRatioChange } from '../text/format-number.js';

/** The most changes a diff lists (largest |macsDelta| first); `more` counts the rest. */
export const MAX_LAYER_CHANGES = 5;
const MAX_TEXT = 300;

const text = z.string().max(MAX_TEXT);

export const LayerChangeSchema = z.object({
  kind: z.enum(['added', 'removed', 'resized']),
  type: text,
  name: text,
  /** The base layer's size (units), for removed and resized layers. */
  from: text.optional(),
  /** The head layer's size (units), for added and resized layers. */
  to: text.optional(),
  /** head MACs − base MACs of this layer, per example. */
  macsDelta: z.number(),
});
export type LayerChange = z.infer<typeof LayerChangeSchema>;

export const LayerDiffSchema = z.object({
  /** Total MACs per example of the base model (the sum over its layers). */
  baseMacs: z.number().nonnegative(),
  headMacs: z.number().nonnegative(),
  /** headMacs ÷ baseMacs; null when the base counts no MACs. */
  macsRatio: z.number().nonnegative().nullable(),
  changes: z.array(LayerChangeSchema).max(MAX_LAYER_CHANGES),
  /** How many changes were left out of `changes`. */
  more: z.number().int().nonnegative(),
});
export type LayerDiff = z.infer<typeof LayerDiffSchema>;

const cap = (s: string) => s.slice(0, MAX_TEXT);
const sameSize = (a: LayerCost, b: LayerCost) =>
  a.units === b.units && a.params === b.params && a.macs === b.macs;

/**
 * Pairs base and head layers in order: as many pairs of the same type as possible (a longest common
 * subsequence of the type sequences: TF.js numbers its layer names, so an inserted layer renames the ones
 * after it), and among those alignments the one whose pairs agree most: same units, then same MACs and
 * parameters, then same name. Returns the pairs as [base index, head index], in order.
 */
function align(base: readonly LayerCost[], head: readonly LayerCost[]): [number, number][] {
  const [n, m] = [base.length, head.length];
  const bonus = (a: LayerCost, b: LayerCost) =>
    (a.units === b.units ? 100 : 0) +
    (a.macs === b.macs && a.params === b.params ? 10 : 0) +
    (a.name === b.name ? 1 : 0);
  // One more matched pair outweighs any bonuses of the rest.
  const match = 112 * (Math.min(n, m) + 1);
  // best[i][j]: the best score aligning base[i..] with head[j..].
  const best = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const pair = (i: number, j: number) =>
    base[i]!.type === head[j]!.type ? match + bonus(base[i]!, head[j]!) + best[i + 1]![j + 1]! : -1;
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) best[i]![j] = Math.max(pair(i, j), best[i + 1]![j]!, best[i]![j + 1]!);
  const pairs: [number, number][] = [];
  let [i, j] = [0, 0];
  while (i < n && j < m) {
    if (pair(i, j) === best[i]![j]) pairs.push([i++, j++]);
    else if (best[i + 1]![j] === best[i]![j]) i++;
    else j++;
  }
  return pairs;
}

const totalMacs = (layers: readonly LayerCost[]) => layers.reduce((s, l) => s + l.macs, 0);

/**
 * The layers added, removed or resized from `base` to `head` (each in model order), the largest changes in
 * MACs first. null when either side lists no layers, or nothing changed (the same types, units, MACs and
 * parameters in the same order; names alone do not count).
 */
export function diffLayers(base: readonly LayerCost[], head: readonly LayerCost[]): LayerDiff | null {
  if (!base.length || !head.length) return null;
  const [baseMacs, headMacs] = [totalMacs(base), totalMacs(head)];
  if (!Number.isFinite(baseMacs) || !Number.isFinite(headMacs)) return null;
  const all: LayerChange[] = [];
  const change = (kind: LayerChange['kind'], l: LayerCost, macsDelta: number, from?: string, to?: string) => {
    const c: LayerChange = { kind, type: cap(l.type), name: cap(l.name), macsDelta };
    if (from !== undefined) c.from = cap(from);
    if (to !== undefined) c.to = cap(to);
    all.push(c);
  };
  let [i, j] = [0, 0];
  // Walks both lists in model order: what lies between two pairs was removed (base) or added (head).
  for (const [bi, hj] of [...align(base, head), [base.length, head.length] as [number, number]]) {
    for (; i < bi; i++) change('removed', base[i]!, -base[i]!.macs, base[i]!.units);
    for (; j < hj; j++) change('added', head[j]!, head[j]!.macs, undefined, head[j]!.units);
    const [b, h] = [base[bi], head[hj]];
    if (b && h && !sameSize(b, h)) change('resized', h, h.macs - b.macs, b.units, h.units);
    [i, j] = [bi + 1, hj + 1];
  }
  if (!all.length) return null;
  // Stable: among equal deltas, model order.
  const ranked = [...all].sort((a, b) => Math.abs(b.macsDelta) - Math.abs(a.macsDelta));
  const ratio = baseMacs > 0 ? headMacs / baseMacs : null;
  return {
    baseMacs,
    headMacs,
    macsRatio: ratio !== null && Number.isFinite(ratio) ? ratio : null,
    changes: ranked.slice(0, MAX_LAYER_CHANGES),
    more: Math.max(0, ranked.length - MAX_LAYER_CHANGES),
  };
}

const SYMBOL: Record<LayerChange['kind'], string> = { added: '+', removed: '−', resized: '~' };

/** "512" added, "32 3×3" removed, "128→512" resized (or "10" when only its MACs changed); undefined if unknown. */
function sizeOf(c: LayerChange): string | undefined {
  if (c.kind === 'resized' && c.from !== undefined && c.to !== undefined && c.from !== c.to)
    return `${c.from}→${c.to}`;
  return c.kind === 'removed' ? c.from : c.to;
}

const inParens = (sizes: (string | undefined)[]) => {
  const known = sizes.filter((x) => x !== undefined);
  return known.length ? ` (${known.join(', ')})` : '';
};

/** A signed whole count with the markdown minus: "+401,408", "−86,528", "±0". */
function signedCount(n: number): string {
  const sign = n > 0 ? '+' : n < 0 ? '−' : '±';
  return `${sign}${grouped(Math.abs(n))}`;
}

/** The listed changes by kind and type: "+1 Dense (512)", "−2 Conv2D (32 3×3, 64 3×3)", "~1 Dense (128→512)". */
function groups(changes: readonly LayerChange[]): string[] {
  const out: string[] = [];
  for (const kind of ['added', 'removed', 'resized'] as const) {
    const byType = new Map<string, LayerChange[]>();
    for (const c of changes.filter((x) => x.kind === kind))
      byType.set(c.type, [...(byType.get(c.type) ?? []), c]);
    for (const [type, list] of byType)
      out.push(`${SYMBOL[kind]}${list.length} ${type}${inParens(list.map(sizeOf))}`);
  }
  return out;
}

/**
 * Short lines for a person (markdown minus signs; names and types as the metrics file gave them, to be
 * escaped where rendered). First the summary, e.g. "+1 Dense (512), −1 Conv2D (32 3×3): MACs +34.0 %,
 * energy predicted +34.0 %, measured +29.0 %" (MACs stand for energy to first order); then one line per
 * listed change, e.g. "~ Dense dense_Dense1 (128→512): +300,000 MACs". `measuredEnergyRatio`: the head's
 * energy ÷ the base's, when measured.
 */
export function layerDiffLines(d: LayerDiff, measuredEnergyRatio?: number): string[] {
  const parts = groups(d.changes);
  const typesKept = d.changes.every((c) => c.kind === 'resized');
  const more = d.more ? ` and ${d.more} more change${d.more === 1 ? '' : 's'}` : '';
  const what = `${typesKept && !d.more ? 'layers unchanged in type, ' : ''}${parts.join(', ')}${more}`;
  const measured =
    measuredEnergyRatio !== undefined && Number.isFinite(measuredEnergyRatio) && measuredEnergyRatio > 0
      ? markdownRatioChange(measuredEnergyRatio)
      : undefined;
  let figures: string;
  if (d.macsRatio === null) {
    figures = `MACs ${grouped(d.baseMacs)} → ${grouped(d.headMacs)}`;
    if (measured) figures += `; measured energy ${measured}`;
  } else {
    const macs = markdownRatioChange(d.macsRatio);
    figures = measured ? `MACs ${macs}, energy predicted ${macs}, measured ${measured}` : `MACs ${macs}`;
  }
  const lines = d.changes.map(
    (c) => `${SYMBOL[c.kind]} ${c.type} ${c.name}${inParens([sizeOf(c)])}: ${signedCount(c.macsDelta)} MACs`,
  );
  return [`${what}: ${figures}`, ...lines];
}
