import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BenchmarkInputError } from '../tasks/types.js';
import * as tf from '../tf.js';

interface ModelJson {
  modelTopology?: object;
  weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

function read(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new BenchmarkInputError(`model file ${file} not found`);
  }
}

/**
 * A TF.js LayersModel saved as model.json plus its weight shards (tf.io's "file://" layout). Read here
 * rather than through tfjs-node's file:// handler, which only exists with the tensorflow backend.
 */
export async function loadUserModel(file: string): Promise<tf.LayersModel> {
  let json: ModelJson;
  try {
    json = JSON.parse(read(file).toString('utf8')) as ModelJson;
  } catch (e) {
    if (e instanceof BenchmarkInputError) throw e;
    throw new BenchmarkInputError(`model file ${file} is not JSON`);
  }
  if (!json.modelTopology)
    throw new BenchmarkInputError(`model file ${file} has no modelTopology (a TF.js LayersModel?)`);
  const groups = json.weightsManifest ?? [];
  const shards = groups.flatMap((g) => g.paths.map((p) => read(path.resolve(path.dirname(file), p))));
  const weightData = new Uint8Array(Buffer.concat(shards)).buffer;
  const weightSpecs = groups.flatMap((g) => g.weights);
  try {
    return await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }),
    );
  } catch (e) {
    throw new BenchmarkInputError(`model file ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
}
