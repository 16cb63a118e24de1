import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { decodeMnist, type MnistRaw } from '../mnist/format.js';

export const MNIST_FILE = 'mnist-10k.bin.gz';

/** data/ beside dist/ (the package and the Action ship both), or two folders up from the sources. */
export function findMnistFile(moduleUrl: string = import.meta.url): string {
  const here = path.dirname(fileURLToPath(moduleUrl));
  const candidates = [
    path.resolve(here, '..', 'data', MNIST_FILE),
    path.resolve(here, '..', '..', '..', 'data', MNIST_FILE),
  ];
  const found = candidates.find((f) => existsSync(f));
  if (!found) throw new Error(`${MNIST_FILE} not found (looked in ${candidates.join(', ')})`);
  return found;
}

export function loadMnist(file: string = findMnistFile()): MnistRaw {
  return decodeMnist(gunzipSync(readFileSync(file)));
}
