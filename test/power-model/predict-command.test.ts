import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { POWER_MODEL_HELP, powerModelCommand } from '../../src/cli/commands/power-model.js';
import { ConfigError } from '../../src/errors/config-error.js';
import { UsageError } from '../../src/errors/usage-error.js';
import { predictServerWatts } from '../../src/power-model/index.js';

const dir = mkdtempSync(join(tmpdir(), 'carbon-gate-power-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** Runs the command with stdout/stderr captured. */
async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((stdout += String(c)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((c) => ((stderr += String(c)), true));
  const code = await powerModelCommand(args);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

const epyc = { id: 'runner-host', cpuModel: 'AMD EPYC 7763', threads: 128, utilization: [0, 0.5, 1] };
const full = {
  id: 7,
  cpuModel: 'Intel Xeon Platinum 8380',
  vendor: 'Fujitsu',
  architecture: 'icelake',
  year: 2021,
  sockets: 2,
  cores: 80,
  threads: 160,
  tdpWattsPerSocket: 270,
  memoryGb: 256,
  utilization: [0.25],
};

describe('power-model predict', () => {
  it('prints [{id, watts}] in input order, matching the API', async () => {
    const path = file('ok.json', [
      epyc,
      full,
      { ...epyc, id: 'nulls', vendor: null, architecture: '', year: null },
    ]);
    const { code, stdout, stderr } = await run(['predict', '--machines', path]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const out = JSON.parse(stdout) as { id: string | number; watts: number[] }[];
    expect(out.map((o) => o.id)).toEqual(['runner-host', 7, 'nulls']);
    const api = predictServerWatts({ cpuModel: 'AMD EPYC 7763', threads: 128 }, [0, 0.5, 1]);
    out[0]!.watts.forEach((w, i) => expect(w).toBeCloseTo(api[i]!, 2));
    expect(out[2]!.watts).toEqual(out[0]!.watts);
    expect(out[1]!.watts).toHaveLength(1);
  });

  it('warns about unknown keys on stderr but still predicts', async () => {
    const path = file('extra.json', [{ ...epyc, memoryGB: 16 }]);
    const { code, stderr } = await run(['predict', '--machines', path]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/\[0\]\.memoryGB: unknown key ignored; did you mean "memoryGb"\?/);
  });

  it.each([
    [
      'threads as a string',
      [{ ...epyc, threads: '128' }],
      '[0].threads: expected a positive whole number, found "128"',
    ],
    [
      'missing cpuModel',
      [epyc, { id: 'b', threads: 4, utilization: [0] }],
      '[1].cpuModel: expected a CPU model name, found nothing',
    ],
    [
      'utilisation in percent',
      [{ ...epyc, utilization: [0, 50] }],
      '[0].utilization[1]: expected a utilisation from 0 to 1, found 50',
    ],
    [
      'empty utilisation',
      [{ ...epyc, utilization: [] }],
      '[0].utilization: expected a non-empty list of utilisations from 0 to 1, found an empty list',
    ],
    ['negative memory', [{ ...epyc, memoryGb: -4 }], '[0].memoryGb: expected a positive number, found -4'],
    ['not a list', { machines: [] }, 'expected a list of machines, found a mapping'],
  ])('%s → one line and exit 2', async (_name, content, message) => {
    const path = file('bad.json', content);
    const error = await powerModelCommand(['predict', '--machines', path]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).lines).toEqual([`${path}: ${message}`]);
  });

  it('reports unreadable files as one line', async () => {
    const broken = file('broken.json', '[{');
    await expect(powerModelCommand(['predict', '--machines', broken])).rejects.toThrow(
      /expected JSON, found invalid JSON/,
    );
    await expect(powerModelCommand(['predict', '--machines', join(dir, 'missing.json')])).rejects.toThrow(
      /file not found/,
    );
  });

  it.each([
    [[]],
    [['predict']],
    [['frobnicate']],
    [['predict', '--machines', 'x', 'extra']],
    [['predict', '--nope']],
  ])('bad usage %j is a UsageError', async (args) => {
    await expect(powerModelCommand(args)).rejects.toThrow(UsageError);
  });

  it('has help and info', async () => {
    const help = await run(['--help']);
    expect(help.stdout).toBe(POWER_MODEL_HELP + '\n');
    const info = await run(['info']);
    expect(JSON.parse(info.stdout)).toMatchObject({
      name: expect.any(String),
      cvMapePct: expect.any(Number),
    });
  });
});
