import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tfjsRunnerPath } from '../../src/tfjs/runner-path.js';
import * as tf from '../../src/tfjs/tf.js';

export interface RunnerResult {
  code: number | null;
  stderr: string;
  stdout: string;
  metrics: Record<string, unknown>;
}

/** Runs the built runner (dist/tfjs-runner.js) as carbon-gate does, and reads its metrics file. */
export function runner(args: object | string, cwd = os.tmpdir()): Promise<RunnerResult> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'cg-tfjs-')), 'metrics.json');
  const arg = typeof args === 'string' ? args : JSON.stringify(args);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tfjsRunnerPath(), arg], {
      cwd,
      env: { ...process.env, CARBON_GATE_METRICS_FILE: file, CARBON_GATE_TFJS_SMOKE: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      let metrics: Record<string, unknown> = {};
      try {
        metrics = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        // No file: the assertions say so.
      }
      resolve({ code, stdout, stderr, metrics });
    });
  });
}

/** Saves a model the way tf.io's file:// handler lays it out: `dir`/model.json beside its weight shard. */
export async function saveModel(model: tf.LayersModel, dir: string): Promise<string> {
  const file = path.join(dir, 'model.json');
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const { weightData, weightSpecs, ...rest } = artifacts;
      writeFileSync(path.join(dir, 'weights.bin'), Buffer.from(weightData as ArrayBuffer));
      const manifest = [{ paths: ['weights.bin'], weights: weightSpecs }];
      writeFileSync(file, JSON.stringify({ modelTopology: rest.modelTopology, weightsManifest: manifest }));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return file;
}
