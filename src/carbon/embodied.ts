/**
 * Embodied emissions, SCI's M: the machine's manufacturing emissions, amortised over its life and
 * shared among its tenants. M = TE × (time reserved ÷ expected lifespan) × (resources reserved ÷ total).
 */
export const SECONDS_PER_YEAR = 365 * 86_400;

export interface EmbodiedModel {
  totalKg: number;
  lifetimeS: number;
  /** Fraction of the machine reserved (0 < share ≤ 1). */
  share: number;
  source: string;
}

/**
 * GitHub-hosted runner: 4 vCPU of a 64-core/128-thread AMD EPYC 7763 host. Host embodied emissions
 * 1,151.7 kg (Boavizta), 4-year life, share 4/128: the figures Eco CI uses.
 */
export const GITHUB_HOSTED_EMBODIED: EmbodiedModel = {
  totalKg: 1151.7,
  lifetimeS: 4 * SECONDS_PER_YEAR,
  share: 4 / 128,
  source:
    'GitHub-hosted runner: host 1,151.7 kg (Boavizta, as used by Eco CI), 4-year life, share 4/128 vCPU threads',
};

/** Grams of CO2e attributable to `durationS` seconds on the machine. */
export function embodiedGrams(model: EmbodiedModel, durationS: number): number {
  return model.totalKg * 1000 * (durationS / model.lifetimeS) * model.share;
}

export type EmbodiedConfig = 'github-hosted' | 'none' | { totalKg: number; lifetimeS: number; share: number };

export interface EmbodiedChoice {
  model: EmbodiedModel | null;
  notices: string[];
}

/** True on a GitHub-hosted runner (not a self-hosted one), from the variables Actions sets. */
export function isGithubHosted(env: Record<string, string | undefined>): boolean {
  return env.GITHUB_ACTIONS === 'true' && env.RUNNER_ENVIRONMENT === 'github-hosted';
}

/** Config first; else the GitHub-hosted default on such a runner; else not counted, with a notice. */
export function resolveEmbodied(
  config: EmbodiedConfig | undefined,
  env: Record<string, string | undefined>,
): EmbodiedChoice {
  if (config === 'none') return { model: null, notices: [] };
  if (config === 'github-hosted') return { model: GITHUB_HOSTED_EMBODIED, notices: [] };
  if (config) return { model: { ...config, source: 'config' }, notices: [] };
  if (isGithubHosted(env)) return { model: GITHUB_HOSTED_EMBODIED, notices: [] };
  return {
    model: null,
    notices: [
      'embodied carbon not counted: set `embodied` in the config (github-hosted, or totalKg, lifetime and share)',
    ],
  };
}
