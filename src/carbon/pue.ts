import { providerPue, type CloudProvider } from '../data/cloud-regions.js';
import type { CloudPlacement } from './location.js';

export interface PueChoice {
  value: number;
  source: string;
  notices: string[];
}

export interface PueInputs {
  flag?: number;
  config?: number;
  /** The resolved region's cloud placement, if any. */
  cloud?: CloudPlacement;
  /** A provider known without a region (a GitHub-hosted runner is an Azure VM). */
  provider?: CloudProvider;
}

/**
 * PUE: explicit flag, then config, then the cloud region's own published PUE, then the provider's
 * default, else 1.0 with a notice (on-premises overhead is then not counted, an under-estimate).
 * The `source` strings "flag" and "config" are a report contract.
 */
export function resolvePue(inputs: PueInputs): PueChoice {
  if (inputs.flag !== undefined) return { value: inputs.flag, source: 'flag', notices: [] };
  if (inputs.config !== undefined) return { value: inputs.config, source: 'config', notices: [] };
  const cloud = inputs.cloud;
  if (cloud?.pue !== undefined) {
    return {
      value: cloud.pue,
      source: `${cloud.provider}:${cloud.region} published PUE: ${cloud.pueSource ?? ''}`,
      notices: [],
    };
  }
  const provider = cloud?.provider ?? inputs.provider;
  if (provider) {
    const d = providerPue(provider);
    return { value: d.pue, source: `${provider} default PUE: ${d.source}`, notices: [] };
  }
  return {
    value: 1,
    source: 'not set: data-centre overhead not counted; set `pue` in the config',
    notices: [
      'no PUE given: 1.0 applied, so cooling and power-distribution overhead is not counted (set `pue` in the config)',
    ],
  };
}
