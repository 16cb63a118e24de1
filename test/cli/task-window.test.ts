import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const WORKLOAD = fileURLToPath(new URL('../../scripts/lib/gate-workload.mjs', import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-task-window-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Real benchmarks, real meter: a Node loop marking its loop (timestamps), a shell script marking by
// notice (no timestamps), and three whose markers cannot be used.
const config = `version: 1
benchmarks:
  - name: loop
    kind: other
    run: node ${JSON.stringify(WORKLOAD)}
    env: { WORK: "8", MARK: "1" }
    repeat: 2
  - name: shell
    kind: other
    run: sleep 0.2; echo start >> "$CARBON_GATE_MARKERS_FILE"; sleep 0.3; echo stop >> "$CARBON_GATE_MARKERS_FILE"; sleep 0.2
    repeat: 2
  - name: malformed
    kind: other
    run: echo begin >> "$CARBON_GATE_MARKERS_FILE"
    repeat: 2
  - name: unbalanced
    kind: other
    run: echo start >> "$CARBON_GATE_MARKERS_FILE"
    repeat: 2
  - name: outside
    kind: other
    run: printf 'start 1\\nstop 2\\n' >> "$CARBON_GATE_MARKERS_FILE"
    repeat: 2
`;

type Sample = {
  durationS: number;
  energyJ: number;
  attributedJ?: number;
  task?: { energyJ: number; durationS: number; processCpuS: number; windows: number; co2eG: number };
  warnings?: string[];
};
type Report = {
  benchmarks: { name: string; samples: Sample[] }[];
  verdict: { status: string; reasons: string[] };
  notices: string[];
};

async function run(): Promise<Report> {
  const r = await runCli(['run', '--region', 'DE'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(readFileSync(path.join(dir, '.carbon-gate/carbon-report.json'), 'utf8')) as Report;
}

describe('task windows through the CLI, real processes and meter', () => {
  let first: Report;

  it('meters the marked windows beside the whole run, and warns about unusable markers', async () => {
    writeFileSync(path.join(dir, 'carbon-gate.yml'), config);
    first = await run();
    const byName = Object.fromEntries(first.benchmarks.map((b) => [b.name, b.samples]));
    for (const name of ['loop', 'shell']) {
      for (const s of byName[name]!) {
        expect(s.task, name).toBeDefined();
        expect(s.task!.windows).toBe(1);
        expect(s.task!.durationS).toBeLessThan(s.durationS);
        expect(s.task!.energyJ).toBeLessThan(s.energyJ);
        expect(s.task!.energyJ).toBeGreaterThan(0);
        expect(s.task!.co2eG).toBeGreaterThan(0);
        expect(s.attributedJ).toBeGreaterThan(0);
        expect(s.attributedJ).toBeLessThanOrEqual(s.energyJ);
        expect(s.warnings).toBeUndefined();
      }
    }
    // The loop is all CPU inside its window; the shell script's window is a sleep of 0.3 s, read on notice.
    for (const s of byName['loop']!) expect(s.task!.processCpuS).toBeGreaterThan(0.5 * s.task!.durationS);
    for (const s of byName['shell']!) {
      expect(s.task!.durationS).toBeGreaterThan(0.25);
      expect(s.task!.durationS).toBeLessThan(0.6);
    }
    const problems: Record<string, RegExp> = {
      malformed: /line 1: expected "start" or "stop".*got "begin"/,
      unbalanced: /the last window was started but never stopped/,
      outside: /line 1: start at 1 s is outside the run/,
    };
    for (const [name, problem] of Object.entries(problems)) {
      for (const s of byName[name]!) {
        expect(s.task).toBeUndefined();
        expect(s.warnings).toHaveLength(1);
        expect(s.warnings![0]).toMatch(problem);
        expect(s.warnings![0]).toMatch(/: the whole run is reported and judged$/);
      }
      // Warnings reach the verdict (never a status): the run still passes.
      expect(first.verdict.reasons.some((r) => problem.test(r))).toBe(true);
    }
    expect(first.verdict.status).toBe('pass');
  });

  it('compares the windows when both sides have them, and says when it cannot', async () => {
    copyFileSync(path.join(dir, '.carbon-gate/carbon-report.json'), path.join(dir, 'base.json'));
    await run();
    const r = await runCli(
      ['compare', '--base', 'base.json', '--head', '.carbon-gate/carbon-report.json', '--json'],
      { cwd: dir },
    );
    const gated = JSON.parse(r.stdout) as {
      benchmarks: { name: string; comparison?: { window?: string }; reasons: string[] }[];
    };
    const window = Object.fromEntries(gated.benchmarks.map((b) => [b.name, b.comparison?.window]));
    expect(window).toEqual({
      loop: 'task',
      shell: 'task',
      malformed: 'run',
      unbalanced: 'run',
      outside: 'run',
    });
  });
});
