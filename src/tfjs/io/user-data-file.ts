import { readFileSync, statSync } from 'node:fs';
import { parseCsvData, parseJsonData } from '../data/user-data.js';
import type { Dataset } from '../data/dataset.js';
import { BenchmarkInputError } from '../tasks/types.js';

/** Larger files belong in a real input pipeline, not a JSON.parse: refused with a clear line. */
const MAX_BYTES = 512 * 1024 * 1024;

export function loadUserData(file: string): Dataset {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new BenchmarkInputError(`data file ${file} not found`);
  }
  if (size > MAX_BYTES)
    throw new BenchmarkInputError(`data file ${file} is over ${MAX_BYTES / 1024 ** 2} MiB`);
  const text = readFileSync(file, 'utf8');
  return /\.csv$/i.test(file) ? parseCsvData(text) : parseJsonData(text);
}
