import { parseArgs } from 'node:util';
import { DEFAULT_AMOUNT, type WorkloadKind } from './gate-evidence.js';

/**
 * `[--workload loop|mlp] [--work N] --pairs N --gates N [--factors a,b,…]` for the evidence scripts; bad
 * values stop with exit 2. --work is the loop's WORK or the MLP's digits.
 */
export function evidenceArgs(defaults: { pairs: number; gates: number; factors?: string }) {
  const { values } = parseArgs({
    options: {
      workload: { type: 'string', default: 'loop' },
      work: { type: 'string' },
      pairs: { type: 'string', default: String(defaults.pairs) },
      gates: { type: 'string', default: String(defaults.gates) },
      factors: { type: 'string', default: defaults.factors ?? '' },
    },
  });
  const num = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) {
      console.error(`--${name}: expected a number ≥ ${min}, got ${JSON.stringify(v)}`);
      process.exit(2);
    }
    return n;
  };
  const kind = values.workload as WorkloadKind;
  if (!(kind in DEFAULT_AMOUNT)) {
    console.error(`--workload: expected loop or mlp, got ${JSON.stringify(values.workload)}`);
    process.exit(2);
  }
  return {
    kind,
    work: values.work === undefined ? DEFAULT_AMOUNT[kind] : num('work', values.work, 0.1),
    pairs: num('pairs', values.pairs, 5),
    gates: num('gates', values.gates, 1),
    factors: values.factors ? values.factors.split(',').map((f) => num('factors', f, 1)) : [],
  };
}
