import type { Dataset } from '../data/dataset.js';
import type { MnistRaw } from './format.js';

/** The whole MNIST file as a dataset: pixels scaled to 0-1, one channel, class ids 0-9. */
export function mnistDataset(raw: MnistRaw): Dataset {
  const x = new Float32Array(raw.pixels.length);
  for (let i = 0; i < x.length; i++) x[i] = (raw.pixels[i] as number) / 255;
  return {
    n: raw.count,
    shape: [raw.rows, raw.cols, 1],
    x,
    y: Float32Array.from(raw.labels),
    yDim: 1,
    classes: 10,
  };
}
