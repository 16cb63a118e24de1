/**
 * data/mnist-10k.bin.gz, once gunzipped (written by scripts/pack-mnist.mjs): "CGMNIST1", count (uint32
 * LE), rows, cols, two zero bytes, `count` labels, then count × rows × cols pixels (0-255, row-major).
 */
export interface MnistRaw {
  count: number;
  rows: number;
  cols: number;
  labels: Uint8Array;
  pixels: Uint8Array;
}

const MAGIC = 'CGMNIST1';
const HEADER = 16;

export function decodeMnist(bytes: Uint8Array): MnistRaw {
  const magic = String.fromCharCode(...bytes.subarray(0, MAGIC.length));
  if (bytes.length < HEADER || magic !== MAGIC) throw new Error('not a carbon-gate MNIST file (bad header)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(8, true);
  const rows = bytes[12] ?? 0;
  const cols = bytes[13] ?? 0;
  const expected = HEADER + count + count * rows * cols;
  if (bytes.length !== expected) {
    throw new Error(
      `MNIST file is ${bytes.length} bytes, expected ${expected} for ${count} ${rows}×${cols} digits`,
    );
  }
  const labels = bytes.subarray(HEADER, HEADER + count);
  if (labels.some((l) => l > 9)) throw new Error('MNIST file has a label outside 0-9');
  return { count, rows, cols, labels, pixels: bytes.subarray(HEADER + count) };
}
