import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectNvidiaGpus, NVIDIA_SMI_NOT_FOUND, resolveNvidiaSmi } from '../../src/meter/io/nvidia-smi.js';
import { fakeUuid, installFakeNvidiaSmi, type FakeSmiConfig } from '../helpers/fake-nvidia-smi.js';

const emptyDir = () => mkdtempSync(path.join(os.tmpdir(), 'cg-empty-'));
const twoGpus: FakeSmiConfig = {
  gpus: [
    { name: 'NVIDIA H100 80GB HBM3', watts: 1 },
    { name: 'Tesla T4', watts: 1 },
  ],
};

describe('detectNvidiaGpus', () => {
  it('finds nvidia-smi on PATH and lists the GPUs', async () => {
    const fake = installFakeNvidiaSmi(twoGpus);
    const r = await detectNvidiaGpus({ env: { PATH: [emptyDir(), fake.dir].join(path.delimiter) } });
    expect(r).toEqual({
      ok: true,
      binary: fake.binary,
      gpus: [
        { index: 0, uuid: fakeUuid(0), name: 'NVIDIA H100 80GB HBM3' },
        { index: 1, uuid: fakeUuid(1), name: 'Tesla T4' },
      ],
    });
  });

  it('CARBON_GATE_NVIDIA_SMI overrides PATH', async () => {
    const fake = installFakeNvidiaSmi(twoGpus);
    const r = await detectNvidiaGpus({ env: { PATH: emptyDir(), CARBON_GATE_NVIDIA_SMI: fake.binary } });
    expect(r).toMatchObject({ ok: true, binary: fake.binary });
  });

  it.each<{ name: string; cfg: FakeSmiConfig; reason: RegExp }>([
    {
      name: 'driver not loaded',
      cfg: {
        ...twoGpus,
        detectFail: {
          exitCode: 9,
          stdout:
            "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n\n",
        },
      },
      reason: /^nvidia-smi failed \(exit code 9\): NVIDIA-SMI has failed because it couldn't communicate/,
    },
    {
      name: 'no devices',
      cfg: { ...twoGpus, detectFail: { exitCode: 6, stdout: 'No devices were found\n' } },
      reason: /^nvidia-smi failed \(exit code 6\): No devices were found$/,
    },
    {
      name: 'exit 0 but no GPU lines',
      cfg: { ...twoGpus, detectFail: { exitCode: 0, stdout: 'No devices were found\n' } },
      reason: /^nvidia-smi lists no GPU: No devices were found$/,
    },
    {
      name: 'hangs past the timeout',
      cfg: { ...twoGpus, hang: true },
      reason: /^nvidia-smi did not answer within 0.3 s$/,
    },
  ])('$name → ok:false with a reason', async ({ cfg, reason }) => {
    const fake = installFakeNvidiaSmi(cfg);
    const r = await detectNvidiaGpus({
      env: { CARBON_GATE_NVIDIA_SMI: fake.binary },
      ...(cfg.hang ? { timeoutMs: 300 } : {}),
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it.each([
    ['an empty directory', () => ({ PATH: emptyDir() })],
    ['no PATH at all', () => ({})],
  ])('no nvidia-smi on %s → ok:false, the not-found reason', async (_, env) => {
    expect(await detectNvidiaGpus({ env: env() })).toEqual({ ok: false, reason: NVIDIA_SMI_NOT_FOUND });
  });

  it('an override naming a missing file → ok:false', async () => {
    const missing = path.join(emptyDir(), 'nvidia-smi');
    expect(await detectNvidiaGpus({ env: { CARBON_GATE_NVIDIA_SMI: missing } })).toEqual({
      ok: false,
      reason: `nvidia-smi not found at ${missing}`,
    });
  });
});

describe('resolveNvidiaSmi', () => {
  it('skips a non-executable nvidia-smi and a directory of that name, takes the next on PATH', () => {
    const notExec = emptyDir();
    writeFileSync(path.join(notExec, 'nvidia-smi'), '#!/bin/sh\n');
    chmodSync(path.join(notExec, 'nvidia-smi'), 0o644);
    const isDir = emptyDir();
    mkdtempSync(path.join(isDir, 'x'));
    const fake = installFakeNvidiaSmi(twoGpus);
    const PATH = ['', notExec, isDir, fake.dir].join(path.delimiter);
    expect(resolveNvidiaSmi({ PATH })).toBe(fake.binary);
  });

  it('makes a relative override absolute', () => {
    expect(resolveNvidiaSmi({ CARBON_GATE_NVIDIA_SMI: 'bin/nvidia-smi' })).toBe(
      path.resolve('bin/nvidia-smi'),
    );
  });
});
