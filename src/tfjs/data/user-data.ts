import { BenchmarkInputError } from '../tasks/types.js';
import type { Dataset } from './dataset.js';

/**
 * User data files (docs/tfjs-suite.md, "Your own models and data"):
 * - JSON: {"x": [...], "y": [...], "shape"?: [...], "classes"?: n}. Each x is an example: numbers,
 *   nested as deep as its shape (flattened; `shape` defaults to the first example's nesting). Each y is
 *   a class id (a whole number ≥ 0: classification, accuracy reported) or a list of numbers (targets).
 * - CSV: a header row, then one example per row of numbers; the `label` column (else the last) holds
 *   the class id, the others the features.
 */

const bad = (message: string) => new BenchmarkInputError(`data file: ${message}`);

function shapeOf(v: unknown): number[] {
  return Array.isArray(v) ? [v.length, ...shapeOf(v[0])] : [];
}

function fromRows(xs: number[][], ys: (number | number[])[], shape: number[], classes?: number): Dataset {
  const n = xs.length;
  const f = shape.reduce((a, b) => a * b, 1);
  if (n === 0) throw bad('no examples');
  if (ys.length !== n) throw bad(`${n} examples but ${ys.length} labels`);
  const x = new Float32Array(n * f);
  xs.forEach((row, i) => {
    if (row.length !== f) throw bad(`example ${i} has ${row.length} numbers, expected ${f} (shape [${shape.join(', ')}])`);
    if (!row.every(Number.isFinite)) throw bad(`example ${i} has a value that is not a finite number`);
    x.set(row, i * f);
  });
  if (ys.every((y) => Number.isInteger(y) && (y as number) >= 0)) {
    const k = classes ?? Math.max(...(ys as number[])) + 1;
    if (ys.some((y) => (y as number) >= k)) throw bad(`a class id is ≥ classes (${k})`);
    return { n, shape, x, y: Float32Array.from(ys as number[]), yDim: 1, classes: k };
  }
  const yDim = Array.isArray(ys[0]) ? ys[0].length : 1;
  const y = new Float32Array(n * yDim);
  ys.forEach((v, i) => {
    const row = Array.isArray(v) ? v : [v];
    if (row.length !== yDim || !row.every((t) => typeof t === 'number' && Number.isFinite(t))) {
      throw bad(`label ${i} is not a class id or a list of ${yDim} numbers`);
    }
    y.set(row, i * yDim);
  });
  return { n, shape, x, y, yDim };
}

export function parseJsonData(text: string): Dataset {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw bad(`not JSON (${(e as Error).message})`);
  }
  const o = v as { x?: unknown; y?: unknown; shape?: unknown; classes?: unknown };
  if (typeof v !== 'object' || v === null || !Array.isArray(o.x) || !Array.isArray(o.y)) {
    throw bad('expected an object with lists "x" and "y"');
  }
  const shape = Array.isArray(o.shape) ? (o.shape as number[]) : shapeOf(o.x[0]);
  if (!shape.length || !shape.every((d) => Number.isInteger(d) && d > 0)) throw bad('"shape" must list whole numbers > 0');
  const classes = typeof o.classes === 'number' && Number.isInteger(o.classes) && o.classes > 0 ? o.classes : undefined;
  const xs = (o.x as unknown[]).map((row) => (Array.isArray(row) ? (row.flat(Infinity) as number[]) : [row as number]));
  return fromRows(xs, o.y as (number | number[])[], shape, classes);
}

export function parseCsvData(text: string): Dataset {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').split(',').map((h) => h.trim().toLowerCase());
  if (header.length < 2) throw bad('a CSV needs a header row with feature columns and a label column');
  const labelAt = header.includes('label') ? header.indexOf('label') : header.length - 1;
  const xs: number[][] = [];
  const ys: number[] = [];
  lines.forEach((line, i) => {
    const cells = line.split(',').map((c) => Number(c.trim()));
    if (cells.length !== header.length) throw bad(`row ${i + 2} has ${cells.length} cells, the header ${header.length}`);
    ys.push(cells[labelAt] as number);
    xs.push(cells.filter((_, j) => j !== labelAt));
  });
  return fromRows(xs, ys, [header.length - 1]);
}
