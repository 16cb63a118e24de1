import { z } from 'zod';
import { field } from '../config/expectations.js';
import { issueLines } from '../config/issues.js';
import { formatPath } from '../config/render.js';
import { closestMatch } from '../config/suggest.js';
import type { MachineInput } from './types.js';

/**
 * The `power-model predict --machines FILE` input: a JSON list of machines with the utilisations
 * to predict at. Optional fields may be absent or null (a CSV converted to JSON has empty cells).
 */
const text = (doc: string) => field(z.string().nullish(), doc, { expected: 'a string' });
const positive = (doc: string, int = false) =>
  field((int ? z.number().int() : z.number()).positive().finite().nullish(), doc, {
    expected: int ? 'a positive whole number' : 'a positive number',
  });
const utilisation = field(z.number().min(0).max(1), 'CPU utilisation from 0 to 1.', {
  expected: 'a utilisation from 0 to 1',
});

const machine = z.object({
  id: field(z.union([z.string(), z.number()]), 'Echoed in the output.', { expected: 'a string or a number' }),
  cpuModel: field(z.string().trim().min(1), 'CPU model name.', { expected: 'a CPU model name' }),
  vendor: text('Server vendor or CPU maker.'),
  architecture: text('SPECpower architecture, e.g. cascadelake.'),
  year: field(z.number().int().min(1990).max(2100).nullish(), 'Availability year.', {
    expected: 'a year from 1990 to 2100',
  }),
  sockets: positive('CPU sockets.', true),
  cores: positive('Cores, all sockets.', true),
  threads: field(z.number().int().positive().finite(), 'Hardware threads, all sockets.', {
    expected: 'a positive whole number',
  }),
  tdpWattsPerSocket: positive('TDP per socket, W.'),
  memoryGb: positive('Memory, GB.'),
  utilization: field(z.array(utilisation).min(1), 'Utilisations to predict at.', {
    expected: 'a non-empty list of utilisations from 0 to 1',
  }),
});

export const machinesFileSchema = field(z.array(machine), 'Machines to predict.', {
  expected: 'a list of machines',
});
const KEYS = Object.keys(machine.shape);

export interface MachineRequest {
  id: string | number;
  machine: MachineInput;
  utilization: number[];
}

export type MachinesParse =
  { ok: true; requests: MachineRequest[]; warnings: string[] } | { ok: false; error: string };

/** Validates parsed JSON; the error is the first problem as `FILE: [i].field: expected …, found …`. */
export function parseMachines(value: unknown, file: string): MachinesParse {
  const result = machinesFileSchema.safeParse(value);
  if (!result.success) {
    const lines = issueLines(result.error.issues, value, machinesFileSchema, file);
    return { ok: false, error: lines[0] ?? `${file}: invalid machines file` };
  }
  // Unknown keys are ignored (the file may carry extra columns) but named, in case of a typo.
  const warnings = (value as Record<string, unknown>[]).flatMap((raw, i) =>
    Object.keys(raw)
      .filter((k) => !KEYS.includes(k))
      .map((k) => {
        const match = closestMatch(k, KEYS);
        return `${file}: ${formatPath([i, k])}: unknown key ignored${match ? `; did you mean "${match}"?` : ''}`;
      }),
  );
  const requests = result.data.map(({ id, utilization, ...m }) => ({
    id,
    utilization,
    machine: Object.fromEntries(
      Object.entries(m).filter(([, v]) => v !== null && v !== undefined && v !== ''),
    ) as unknown as MachineInput,
  }));
  return { ok: true, requests, warnings };
}
