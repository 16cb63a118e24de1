import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TfjsBackend } from '../../config/tfjs-schema.js';
import type { Probe } from '../backend/choose.js';
import { registerWasmConv2DFilterGrad } from '../backend/wasm-conv-filter-grad.js';
import { registerWasmTransposedMatMul } from '../backend/wasm-matmul-transpose.js';
import * as tf from '../tf.js';

const WASM_FILE = 'tfjs-backend-wasm.wasm';
const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';

/** tfjs-node from the user's workspace first (their version, their libtensorflow), then carbon-gate's own. */
function findTfjsNode(cwd: string): string | undefined {
  for (const base of [path.join(cwd, 'package.json'), fileURLToPath(import.meta.url)]) {
    try {
      return createRequire(base).resolve('@tensorflow/tfjs-node');
    } catch {
      // Not installed from there.
    }
  }
  return undefined;
}

/** The .wasm files: shipped beside the bundled runner, or in node_modules when run from the sources. */
export function findWasmDir(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [here];
  try {
    candidates.push(path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm')));
  } catch {
    // Only the shipped copy, then.
  }
  return candidates.find((dir) => existsSync(path.join(dir, WASM_FILE)));
}

async function activate(name: TfjsBackend): Promise<Probe> {
  try {
    // setBackend answers false (and logs) when the backend fails to initialise.
    return (await tf.setBackend(name)) ? { ok: true } : { ok: false, why: 'it failed to initialise' };
  } catch (e) {
    return { ok: false, why: firstLine(e) };
  }
}

/** Tries to load and activate one backend in this process. */
export async function probeBackend(name: TfjsBackend, cwd: string): Promise<Probe> {
  if (name === 'tensorflow') {
    const where = findTfjsNode(cwd);
    if (!where) return { ok: false, why: '@tensorflow/tfjs-node is not installed' };
    try {
      // Loading it registers the "tensorflow" backend in TF.js's global registry.
      createRequire(import.meta.url)(where);
    } catch (e) {
      return { ok: false, why: `@tensorflow/tfjs-node did not load: ${firstLine(e)}` };
    }
    return activate('tensorflow');
  }
  if (name === 'wasm') {
    const dir = findWasmDir();
    if (!dir) return { ok: false, why: `${WASM_FILE} not found` };
    tf.setWasmPaths(dir + path.sep);
    registerWasmConv2DFilterGrad();
    registerWasmTransposedMatMul();
    return activate('wasm');
  }
  return activate('cpu');
}
