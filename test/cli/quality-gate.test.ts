import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileTemplate, renderWithinLimit } from '../../src/github/render/render-comment.js';
import { parseReport } from '../../src/report/view-schema.js';
import { probeBackend } from '../../src/tfjs/io/backends.js';
import * as tf from '../../src/tfjs/tf.js';
import { runCli } from '../helpers/cli.js';
import { saveModel } from '../tfjs/run-runner.js';

/**
 * Issue 17, "done when", through the CLI with real TF.js on wasm: metric budgets on a built-in MLP, and an
 * A/B run in a real git repository whose head adds a Dense layer to a user model and loses accuracy.
 */
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'cg-quality-'));
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

const MLP = '{ model: mlp, samples: 1500, epochs: 2, backend: wasm }';
const mlpConfig = (metrics: string) =>
  `version: 1\nbenchmarks:\n  - { name: mlp, kind: training, repeat: 1, tfjs: ${MLP}, budget: { metrics: ${metrics} } }\n`;

describe('metric budgets on a TF.js MLP (carbon-gate run)', () => {
  it.each([
    ['{ accuracy: { min: 0.99 } }', 1, /^mlp: accuracy 0\.\d{3} is below the fail limit 0\.990 \(min\)$/m],
    ['{ accuracy: { min: 0.5 } }', 0, null],
    ['{ f1: { min: 0.5 } }', 3, /^mlp: metric f1: not reported by the benchmark/m],
  ])('%s → exit %i', async (metrics, code, reason) => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'carbon-gate.yml'), mlpConfig(metrics));
    const r = await runCli(['run', '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(code);
    const rep = JSON.parse(r.stdout);
    const acc = rep.benchmarks[0].metrics.accuracy;
    expect(acc).toBeGreaterThan(0.5);
    expect(acc).toBeLessThan(0.99);
    if (reason) expect(rep.verdict.reasons.join('\n')).toMatch(reason);
    else expect(rep.verdict.status).toBe('pass');
    expect(rep.benchmarks[0].efficiency).toMatchObject({ metric: 'accuracy', quality: acc });
  });
});

/** 4 features, 3 classes: the class is the largest of the first three features (learnable). */
function dataset(labels: 'learnable' | 'shuffled'): string {
  let s = 7;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const x = Array.from({ length: 300 }, () => [rand(), rand(), rand(), rand()]);
  const y = x.map((f, i) => {
    const best = f.slice(0, 3).indexOf(Math.max(...f.slice(0, 3)));
    return labels === 'learnable' ? best : (best + i) % 3;
  });
  return JSON.stringify({ x, y });
}

async function userModel(dir: string, hidden: number[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const m = tf.sequential();
  hidden.forEach((units, i) =>
    m.add(tf.layers.dense({ units, activation: 'relu', ...(i === 0 ? { inputShape: [4] } : {}) })),
  );
  m.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  await saveModel(m, dir);
  m.dispose();
}

const AB_CONFIG = `version: 1
benchmarks:
  - name: classifier
    kind: training
    tfjs:
      model: model/model.json
      dataset: data.json
      samples: 300
      epochs: 8
      batchSize: 32
      backend: wasm
      compile: { optimizer: adam, loss: sparseCategoricalCrossentropy, learningRate: 0.05 }
    maxRepeat: 5 # a fixed 5 pairs: this test is about the layer diff, not adaptive pairs
    budget:
      regression: { fail: 60% }
      metrics: { accuracy: { drop: { fail: 0.05 } } }
`;

describe('run --ab: the head adds a Dense layer and loses accuracy', () => {
  let dir: string;

  beforeAll(async () => {
    tf.enableProdMode();
    await probeBackend('cpu', process.cwd());
    dir = tmp();
    git(dir, 'init', '-q');
    git(dir, 'config', 'user.email', 'test@example.com');
    git(dir, 'config', 'user.name', 'test');
    writeFileSync(path.join(dir, 'carbon-gate.yml'), AB_CONFIG);
    await userModel(path.join(dir, 'model'), [16]);
    writeFileSync(path.join(dir, 'data.json'), dataset('learnable'));
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'base');
    await userModel(path.join(dir, 'model'), [16, 64]);
    writeFileSync(path.join(dir, 'data.json'), dataset('shuffled'));
    git(dir, 'commit', '-qam', 'head: one more Dense layer, labels broken');
  });

  it('fails on the accuracy drop while energy passes; the comment shows the layer diff and the MACs', async () => {
    const r = await runCli(['run', '--ab', 'HEAD~1', '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    const rep = JSON.parse(r.stdout);
    const b = rep.benchmarks[0];
    expect(b.comparison).toMatchObject({ metric: 'energy', method: 'paired', pairs: 5 });
    // Energy is judged and passes its tier; the accuracy drop alone fails the gate.
    expect(b.budgetUse.find((u: { limit: string }) => u.limit === 'regression.fail').observed).toBeLessThan(
      0.6,
    );
    expect(b.reasons).toHaveLength(1);
    expect(b.reasons[0]).toMatch(
      /^accuracy -0\.\d+ \[.*\] vs base: a drop of at least 0\.\d+ exceeds the fail limit 0\.0500/,
    );
    // 4·16 + 16·3 = 112 MACs; then 4·16 + 16·64 + 64·3 = 1,280.
    expect(b.layerDiff).toMatchObject({ baseMacs: 112, headMacs: 1280 });
    expect(b.layerDiff.changes.map((c: { kind: string; type: string }) => `${c.kind} ${c.type}`)).toContain(
      'added Dense',
    );

    const view = parseReport(readFileSync(path.join(dir, '.carbon-gate/carbon-report.json'), 'utf8'));
    if (!view.ok) throw new Error(view.error);
    const template = compileTemplate(readFileSync(path.resolve('templates/comment.md.hbs'), 'utf8'));
    const { body } = renderWithinLimit(template, view.report, { marker: '<!-- cg -->', context: {} });
    expect(body).toContain('What moved:');
    // Markdown-escaped: [ ] ( ) : are entities in the body, plain text on GitHub.
    const text = body.replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)));
    expect(text).toMatch(
      /^- \*\*classifier\*\*: energy [+−±]\d+\.\d % \[[+−]\d+\.\d, [+−]\d+\.\d\], accuracy −\d+\.\d pt$/m,
    );
    expect(text).toMatch(
      /^ {2}- \+1 Dense \(64\).*: MACs \+1042\.9 %, energy predicted \+1042\.9 %, measured [+−±]\d/m,
    );
    expect(text).toMatch(/^ {2}- \+ Dense dense_Dense\d+ \(64\): \+1,024 MACs$/m);
  });
});
