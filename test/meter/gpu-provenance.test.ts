import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTemplate, renderWithinLimit } from '../../src/github/render/render-comment.js';
import { escapeMarkdown } from '../../src/github/render/escape.js';
import { gpuChoiceLine } from '../../src/meter/nvidia-describe.js';
import { parseReport } from '../../src/report/view-schema.js';

const template = compileTemplate(readFileSync(path.resolve('templates/comment.md.hbs'), 'utf8'));
const H100 = 'NVIDIA H100 80GB HBM3';
const gpu = (index: number) => ({ index, uuid: `GPU-${index}`, name: H100 });
const skip = (index: number, reason = 'not visible to the job (CUDA_VISIBLE_DEVICES=0,2)') => ({
  ...gpu(index),
  reason,
});

describe('gpuChoiceLine', () => {
  it.each([
    [[gpu(0)], [], `GPU 0 (${H100})`],
    [
      [gpu(0), gpu(2)],
      [skip(1), skip(3)],
      `GPU 0 (${H100}), GPU 2 (${H100}); skipped GPU 1, GPU 3: not visible to the job (CUDA_VISIBLE_DEVICES=0,2)`,
    ],
    [[], [skip(0, 'r1'), skip(1, 'r2')], 'no GPU; skipped GPU 0: r1; skipped GPU 1: r2'],
  ])('%j, %j → %s', (metered, skipped, want) => {
    expect(gpuChoiceLine(metered, skipped)).toBe(want);
  });
});

describe('the comment names the GPUs metered and skipped, escaped', () => {
  const report = (method: Record<string, unknown>) => {
    const raw = JSON.parse(readFileSync(path.resolve('test/fixtures/action/carbon-report.json'), 'utf8'));
    raw.method = { ...raw.method, gpu: 'nvidia-smi', ...method };
    const r = parseReport(JSON.stringify(raw));
    if (!r.ok) throw new Error(r.error);
    return r.report;
  };
  const opts = { marker: '<!-- m -->', context: {} };

  it('on the Meter line of the provenance', () => {
    const { body } = renderWithinLimit(
      template,
      report({ gpusMetered: [gpu(0)], gpusSkipped: [{ ...skip(1), name: 'Evil <b>*GPU*</b>' }] }),
      opts,
    );
    const line = body.split('\n').find((l) => l.startsWith('- Meter:'));
    // Escaped as every user string in the comment is (parentheses and colons become entities).
    const shown = escapeMarkdown(`GPU 0 (${H100}); skipped GPU 1: not visible to the job`);
    expect(line).toContain(`nvidia-smi (${shown}`);
    expect(body).not.toContain('<b>');
  });

  it('absent from reports without the fields', () => {
    const { body } = renderWithinLimit(template, report({}), opts);
    expect(body.split('\n').find((l) => l.startsWith('- Meter:'))).not.toContain('skipped');
  });
});
