// Measures how much faster TF.js's wasm backend trains the reference MLP than the pure-JS cpu backend:
//
//   node scripts/bench-tfjs-backends.mjs [--runs N] [--samples N] [--epochs N] [--model mlp]
//
// Runs dist/tfjs-runner.js (npm run build first) alternately with `backend: wasm` and `backend: cpu`,
// N times each (default 3), and compares the medians of the task's wall time and of its CPU time (user +
// system, which other load on the machine barely moves). Same seed, so both train the same model on the
// same digits; their accuracies are printed to show it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNNER = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'tfjs-runner.js');

function option(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
}

function runOnce(backend, settings, dir) {
  const file = join(dir, `${backend}.json`);
  rmSync(file, { force: true });
  const args = JSON.stringify({ ...settings, backend });
  const r = spawnSync(process.execPath, [RUNNER, args], {
    env: { ...process.env, CARBON_GATE_METRICS_FILE: file, CARBON_GATE_TFJS_SMOKE: '' },
    encoding: 'utf8',
  });
  if (r.status !== 0)
    throw new Error(`${backend} run failed (exit ${r.status}): ${r.stderr.trim().split('\n').pop()}`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function main(args) {
  const runs = Number(option(args, 'runs', '3'));
  const settings = {
    model: option(args, 'model', 'mlp'),
    task: 'train',
    samples: Number(option(args, 'samples', '3000')),
    epochs: Number(option(args, 'epochs', '2')),
    batchSize: 64,
    seed: 42,
  };
  const dir = mkdtempSync(join(os.tmpdir(), 'cg-bench-tfjs-'));
  const results = { wasm: [], cpu: [] };
  for (let i = 1; i <= runs; i++) {
    for (const backend of ['wasm', 'cpu']) {
      const m = runOnce(backend, settings, dir);
      results[backend].push(m);
      process.stderr.write(
        `run ${i}/${runs} ${backend}: task ${m.taskS} s wall, ${m.taskCpuS} s CPU, accuracy ${m.accuracy}\n`,
      );
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const stat = (b, key) => median(results[b].map((m) => m[key]));
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `${settings.model} on ${settings.samples} digits (${settings.epochs} epochs), ${runs} runs each, ${cpus().length} × ${cpu}, Node ${process.version}`,
  );
  console.log('backend  task wall (median)  task CPU (median)  accuracy');
  for (const b of ['wasm', 'cpu']) {
    console.log(
      `${b.padEnd(8)} ${`${stat(b, 'taskS').toFixed(2)} s`.padEnd(19)} ${`${stat(b, 'taskCpuS').toFixed(2)} s`.padEnd(18)} ${results[b][0].accuracy}`,
    );
  }
  console.log(
    `wasm is ${(stat('cpu', 'taskS') / stat('wasm', 'taskS')).toFixed(1)}× faster than cpu in wall time, ` +
      `${(stat('cpu', 'taskCpuS') / stat('wasm', 'taskCpuS')).toFixed(1)}× in CPU time`,
  );
}

main(process.argv.slice(2));
