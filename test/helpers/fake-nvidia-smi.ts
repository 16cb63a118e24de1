import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fake-nvidia-smi.mjs');

export interface FakeSmiConfig {
  /** `uuid` defaults to fakeUuid(i). */
  gpus: { name: string; watts: number; uuid?: string }[];
  /** Processes `--query-compute-apps` lists: a pid, or a file holding one (listed once it exists). */
  apps?: { pid?: number; pidFile?: string; gpu: number; usedMiB?: number }[];
  /** `--query-compute-apps` fails with this exit code. */
  appsFail?: number;
  /** MIG devices `-L` lists under their GPU. */
  mig?: { gpu: number; uuid: string }[];
  /** `afterMs` after its first sample, each GPU draws `watts[i]` instead. */
  step?: { afterMs: number; watts: number[] };
  /** Exit (with exitCode, after printing stderr) once this many samples are out. */
  exitAfter?: number;
  exitCode?: number;
  stderr?: string;
  /** Stay alive but print nothing from this sample on. */
  silentAfter?: number;
  /** Print `value` instead of GPU `gpu`'s power for samples from..to-1. */
  unavailable?: { gpu: number; from: number; to: number; value: string }[];
  /** After these samples, print a line that is not CSV. */
  garbageAt?: number[];
  /** Detection: fail with this output and exit code, or never answer. */
  detectFail?: { stdout: string; exitCode: number };
  hang?: boolean;
}

/** The UUID the fake gives GPU `i` unless its config names one. */
export const fakeUuid = (i: number) => `GPU-${String(i).repeat(8)}-1111-2222-3333-444455556666`;

/** What the fake did, one entry per event, in order. */
export type FakeSmiLog =
  { args: string[] } | { sample: number; t: number } | { stepAtMs: number } | { exit: number };

export interface FakeSmi {
  dir: string;
  binary: string;
  log(): FakeSmiLog[];
  /** Polls the log until `done` holds (the fake's start-up is slow on a loaded machine). */
  waitFor(done: (log: FakeSmiLog[]) => boolean, timeoutMs?: number): Promise<void>;
}

/** Writes an executable `nvidia-smi` into a fresh temp dir. */
export function installFakeNvidiaSmi(cfg: FakeSmiConfig): FakeSmi {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-smi-'));
  const config = path.join(dir, 'config.json');
  const logFile = path.join(dir, 'log.jsonl');
  writeFileSync(config, JSON.stringify({ ...cfg, logFile }));
  writeFileSync(logFile, '');
  const binary = path.join(dir, 'nvidia-smi');
  // Absolute paths only: the fake must run with any PATH, an empty one included.
  writeFileSync(
    binary,
    `#!/bin/sh\nFAKE_NVIDIA_SMI_CONFIG='${config}' exec '${process.execPath}' '${SCRIPT}' "$@"\n`,
  );
  chmodSync(binary, 0o755);
  const log = (): FakeSmiLog[] =>
    readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as FakeSmiLog);
  const waitFor = async (done: (log: FakeSmiLog[]) => boolean, timeoutMs = 20_000) => {
    const until = Date.now() + timeoutMs;
    while (!done(log())) {
      if (Date.now() > until) throw new Error(`fake nvidia-smi: condition not met in ${timeoutMs} ms`);
      await sleep(20);
    }
  };
  return { dir, binary, log, waitFor };
}

/** Samples the fake has printed (or skipped printing, when silent). */
export const samplesIn = (log: FakeSmiLog[]) =>
  log.filter((e) => 'sample' in e) as { sample: number; t: number }[];
