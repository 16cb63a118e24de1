import type { LayerShape } from './layer-cost.js';

const dims = (shape: readonly (number | null)[]) =>
  shape.map((d) => (d === null ? '?' : String(d))).join('×');
const kernel = (v: unknown) => {
  const [h, w] = Array.isArray(v) ? [v[0], v[1] ?? v[0]] : [v, v];
  return typeof h === 'number' && typeof w === 'number' ? ` ${h}×${w}` : '';
};

/**
 * A layer's size in a few characters, so that a resize between two versions of a model shows: units for
 * dense and recurrent layers ("512"), filters and kernel for convolutions ("32 3×3"), else the output
 * shape without the batch ("26×26×32"; "?" for an unknown dimension). undefined when there is nothing to say.
 */
export function layerUnits(l: LayerShape): string | undefined {
  const c = l.config;
  switch (l.className) {
    case 'Dense':
    case 'SimpleRNN':
    case 'GRU':
    case 'LSTM':
      if (typeof c['units'] === 'number') return String(c['units']);
      break;
    case 'Conv2D':
    case 'Conv2DTranspose':
    case 'SeparableConv2D':
      if (typeof c['filters'] === 'number') return `${c['filters']}${kernel(c['kernelSize'])}`;
      break;
  }
  const shape = l.outputShape.slice(1);
  return shape.length ? dims(shape) : undefined;
}
