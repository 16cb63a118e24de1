import { metricLabel } from '../gate/format.js';
import { mdeAt } from '../gate/regression.js';
import { regressionTier, type Adaptive, type Tier } from '../gate/types.js';
import { percentFixed } from '../text/format-number.js';

/** What a benchmark's comparison needs to say what it judged (a report, a gated view, a parsed file). */
export interface JudgedInput {
  name: string;
  comparison?:
    | {
        metric: string;
        method: string;
        ratio: number;
        ci95: readonly [number, number] | null;
        window?: 'task' | 'run' | undefined;
        pairs?: number | undefined;
        mde?: number | undefined;
      }
    | undefined;
  adaptive?: Adaptive | undefined;
  /** The tiers judged on: reports written before `mde` was recorded get it from these. */
  budget?: { regression?: Tier | undefined } | undefined;
}

const STOP: Record<Adaptive['stop'], string> = {
  resolved: 'stopped once the interval cleared every limit',
  'max-repeat': 'cap reached with the interval still across a limit',
  'max-time': 'time cap reached with the interval still across a limit',
  error: 'stopped by an error',
  interrupted: 'interrupted',
};

const level = (l: number) => percentFixed(l, Number.isInteger(Math.round(l * 1000) / 10) ? 0 : 1);

/**
 * One line on what the gate compared for a benchmark, in plain text (callers escape it): the figure and
 * window, the pairs (and, adaptive, why they stopped, with the interval's level), and the smallest regression
 * this run could have caught at its limit, so a pass that cannot vouch for much says so in numbers.
 * Null without a comparison.
 */
export function judgedLine(b: JudgedInput): string | null {
  const c = b.comparison;
  if (!c) return null;
  const parts = [
    `${metricLabel(c.metric)} of ${c.window === 'task' ? 'the marked task window' : 'the whole run'}`,
  ];
  const a = b.adaptive;
  if (a)
    parts.push(
      `${a.pairs} pairs of ${a.minPairs}–${a.maxPairs} (${STOP[a.stop]}; ${level(a.level)} interval)`,
    );
  else if (c.method === 'paired' && c.pairs) parts.push(`${c.pairs} pairs`);
  const mde =
    c.mde ?? (c.ci95 ? mdeAt({ ratio: c.ratio, ci95: [...c.ci95] }, regressionTier(b.budget)) : null);
  if (mde !== null) parts.push(`smallest regression it could catch: +${percentFixed(mde, 1)}`);
  return `${b.name}: ${parts.join(', ')}`;
}

/** The interval column's label: "95 % CI", "99 % CI" (adaptive pairs), or "CI" when benchmarks' levels differ. */
export function intervalLabel(levels: readonly (number | undefined)[]): string {
  const distinct = [...new Set(levels.map((l) => l ?? 0.95))];
  if (distinct.length > 1) return 'CI';
  return `${level(distinct[0] ?? 0.95)} CI`;
}
