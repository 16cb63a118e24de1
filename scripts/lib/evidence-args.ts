import { parseArgs } from 'node:util';
import { MNIST_DIGITS } from '../../src/config/tfjs-schema.js';
import { DEFAULT_AMOUNT, EVIDENCE_METRICS, type EvidenceMetric, type WorkloadKind } from './gate-evidence.js';

function stop(message: string): never {
  console.error(message);
  process.exit(2);
}

/**
 * `[--workload loop|mlp] [--work N] [--pairs N] [--gates N] [--metric energy,task,attributed,…]
 * [--adaptive CAP]` for the evidence scripts (each listed metric judged on the same runs; with --adaptive the
 * gates are adaptive, from 5 pairs up to CAP, as `run --ab` runs them), plus
 * `[--factors a,b,…]` where `factors` has defaults (the power script). --work is the loop's WORK or the
 * MLP's digits. Bad values stop with one line and exit 2.
 */
export function evidenceArgs(defaults: { pairs: number; gates: number; factors?: string }) {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        workload: { type: 'string', default: 'loop' },
        work: { type: 'string' },
        pairs: { type: 'string', default: String(defaults.pairs) },
        gates: { type: 'string', default: String(defaults.gates) },
        metric: { type: 'string', default: 'energy' },
        adaptive: { type: 'string', default: '0' },
        ...(defaults.factors === undefined ? {} : { factors: { type: 'string', default: defaults.factors } }),
      },
    }));
  } catch (e) {
    stop((e as Error).message);
  }
  const kind = values.workload as WorkloadKind;
  if (!(kind in DEFAULT_AMOUNT)) stop(`--workload: expected loop or mlp, got ${JSON.stringify(kind)}`);
  const num = (name: string, v: string, min: number, integer: boolean) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n)))
      stop(`--${name}: expected ${integer ? 'an integer' : 'a number'} ≥ ${min}, got ${JSON.stringify(v)}`);
    return n;
  };
  const work =
    values.work === undefined ? DEFAULT_AMOUNT[kind] : num('work', values.work, 0.1, kind === 'mlp');
  const factorsText = typeof values.factors === 'string' ? values.factors : '';
  const factors = factorsText
    ? factorsText
        .split(',')
        .map((f) => num('factors', f, 1, false))
        .sort((a, b) => a - b)
    : [];
  const largest = Math.round(work * (factors.at(-1) ?? 1));
  if (kind === 'mlp' && (work < 10 || largest > MNIST_DIGITS))
    stop(
      `--work: the MLP needs 10 to ${MNIST_DIGITS} digits on every side; work × factors reaches ${largest}`,
    );
  const metrics = values.metric!.split(',') as EvidenceMetric[];
  const bad = metrics.find((m) => !(EVIDENCE_METRICS as readonly string[]).includes(m));
  if (bad !== undefined)
    stop(
      `--metric: expected some of ${EVIDENCE_METRICS.join(', ')} (comma-separated), got ${JSON.stringify(bad)}`,
    );
  return {
    kind,
    metrics,
    work,
    pairs: num('pairs', values.pairs!, 5, true),
    gates: num('gates', values.gates!, 1, true),
    /** 0: fixed gates of 5 pairs; else adaptive gates up to this many pairs. */
    adaptive: values.adaptive === '0' ? 0 : num('adaptive', values.adaptive!, 5, true),
    factors,
  };
}
