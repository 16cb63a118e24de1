import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import {
  parseComputeApps,
  parseGpuList,
  parseMigParents,
  type ComputeApp,
  type NvidiaGpu,
} from '../nvidia-parse.js';
import { terminalSafe } from '../../text/terminal-safe.js';

export type NvidiaDetection = { ok: true; gpus: NvidiaGpu[]; binary: string } | { ok: false; reason: string };

/** The reason when there is no nvidia-smi at all: the normal case on a machine without NVIDIA GPUs. */
export const NVIDIA_SMI_NOT_FOUND = 'nvidia-smi not found on PATH';

const DETECT_TIMEOUT_MS = 5000;

function isExecutableFile(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * The nvidia-smi to run: env CARBON_GATE_NVIDIA_SMI, else the first on PATH. Resolved once to an
 * absolute path so that a benchmark's PATH changes cannot swap the binary mid-suite.
 */
export function resolveNvidiaSmi(env: NodeJS.ProcessEnv = process.env): string | null {
  const override = env.CARBON_GATE_NVIDIA_SMI;
  if (override) return path.resolve(override);
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.resolve(dir, 'nvidia-smi');
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

const firstLine = (text: string) => terminalSafe(text.trim().split('\n')[0]?.trim().slice(0, 160) ?? '');

/**
 * Lists the GPUs with one `nvidia-smi --query-gpu=index,uuid,name` (5 s limit). Never throws and prints
 * nothing: without nvidia-smi the reason is NVIDIA_SMI_NOT_FOUND and the caller meters no GPU.
 */
export function detectNvidiaGpus(
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<NvidiaDetection> {
  const binary = resolveNvidiaSmi(opts.env);
  if (!binary) return Promise.resolve({ ok: false, reason: NVIDIA_SMI_NOT_FOUND });
  const timeout = opts.timeoutMs ?? DETECT_TIMEOUT_MS;
  const args = ['--query-gpu=index,uuid,name', '--format=csv,noheader'];
  return new Promise((resolve) => {
    execFile(binary, args, { timeout, maxBuffer: 1 << 20, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) {
        const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: unknown };
        let reason: string;
        if (e.code === 'ENOENT') reason = `nvidia-smi not found at ${binary}`;
        else if (e.killed) reason = `nvidia-smi did not answer within ${timeout / 1000} s`;
        else if (typeof e.code === 'number')
          reason = `nvidia-smi failed (exit code ${e.code}): ${firstLine(stdout || stderr) || 'no output'}`;
        else reason = `could not run nvidia-smi (${binary}): ${firstLine(e.message)}`;
        resolve({ ok: false, reason });
        return;
      }
      const gpus = parseGpuList(stdout);
      if (gpus.length === 0)
        resolve({ ok: false, reason: `nvidia-smi lists no GPU: ${firstLine(stdout) || 'no output'}` });
      else resolve({ ok: true, gpus, binary });
    });
  });
}

/** Runs nvidia-smi once; the output, or null when it failed or took longer than `timeoutMs`. */
function runOnce(binary: string, args: string[], timeoutMs = DETECT_TIMEOUT_MS): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(binary, args, { timeout: timeoutMs, maxBuffer: 1 << 20, encoding: 'utf8' }, (err, stdout) =>
      resolve(err ? null : stdout),
    );
  });
}

/** MIG device UUID → its board's UUID, from `nvidia-smi -L`; empty when that fails. */
export async function listMigParents(binary: string): Promise<Map<string, string>> {
  const out = await runOnce(binary, ['-L']);
  return out === null ? new Map() : parseMigParents(out);
}

export const COMPUTE_APPS_ARGS = [
  '--query-compute-apps=pid,gpu_uuid,used_memory',
  '--format=csv,noheader,nounits',
];

/** The processes running on any GPU now; null when nvidia-smi could not say. */
export async function listComputeApps(binary: string): Promise<ComputeApp[] | null> {
  const out = await runOnce(binary, COMPUTE_APPS_ARGS);
  return out === null ? null : parseComputeApps(out);
}
