import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LinePrefixer } from '../../src/runner/io/line-prefixer.js';
import { collector } from '../helpers/collect.js';

const CAP = 64 * 1024;

/** Forwards a real child's stdout through a LinePrefixer, as spawn-command does; notes the most held back. */
function forward(command: string, prefix: string): Promise<{ text: string; maxPending: number }> {
  return new Promise((resolve, reject) => {
    const out = collector();
    const p = new LinePrefixer(prefix, out);
    let maxPending = 0;
    const child = spawn('/bin/sh', ['-c', command], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (c: Buffer) => {
      p.write(c);
      maxPending = Math.max(maxPending, p.pendingBytes);
    });
    child.on('error', reject);
    child.on('close', () => {
      p.flush();
      resolve({ text: out.text(), maxPending });
    });
  });
}

describe('LinePrefixer on a real pipe (issue 12 reproductions)', () => {
  it('gives the workflow command after a bare CR its own prefix', async () => {
    const { text } = await forward(`printf 'progress 10%%\\r::error::CR-INJECTED\\n'`, '[inject] ');
    expect(text).toBe('[inject] progress 10%\r[inject] ::error::CR-INJECTED\n');
  });

  it('forwards output without a newline in capped pieces, holding back at most the cap', async () => {
    const total = 4_000_000;
    const { text, maxPending } = await forward(`head -c ${total} /dev/zero | tr '\\0' a`, '[big] ');
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(Math.ceil(total / CAP));
    expect(lines[0] === `[big] ${'a'.repeat(CAP)}`).toBe(true);
    for (const line of lines.slice(1)) expect(line.startsWith('[big] …')).toBe(true);
    expect(lines.reduce((n, l) => n + l.length - '[big] '.length, 0) - (lines.length - 1)).toBe(total);
    expect(maxPending).toBeLessThanOrEqual(CAP);
  });
});
