import { canonicalArchitecture } from './arch-rules.js';
import { cpuKey } from './cpu-key.js';
import { deriveCpuTable, deriveDefaults } from './cpu-table.js';
import { featureVector } from './features.js';
import type { Example } from './model.js';
import { resolveMachine, type ResolveContext } from './resolve.js';
import type { SpecServer } from './specpower.js';

/**
 * Turns SPECpower servers into training examples. Only inputs feed the tables and defaults used
 * to fill gaps (no measured power), so deriving them from all rows leaks nothing into the folds.
 */
export function prepare(servers: readonly SpecServer[]) {
  const usable = servers.filter(
    (s) => s.watts.length === 11 && s.watts.every((w) => Number.isFinite(w) && w > 0),
  );
  const cpus = deriveCpuTable(usable);
  const defaults = deriveDefaults(usable, cpus);
  const architectures = [
    ...new Set(usable.map((s) => canonicalArchitecture(s.input.architecture, cpuKey(s.input.cpuModel)))),
  ]
    .filter((a): a is string => a !== null)
    .sort();
  const ctx: ResolveContext = { cpus: new Map(cpus.map((c) => [c.key, c])), architectures, defaults };
  const examples: Example[] = usable.map((s) => {
    const machine = resolveMachine(s.input, ctx);
    return { machine, x: featureVector(machine, architectures), watts: s.watts };
  });
  return { usable, cpus, defaults, architectures, ctx, examples };
}
