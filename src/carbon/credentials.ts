/**
 * Provider credentials: a flag, else the env variable the config names (the config holds names,
 * never secrets), else the default env variable. Values are only ever sent in request headers.
 */
export const DEFAULT_TOKEN_ENV = {
  electricityMaps: 'CARBON_GATE_ELECTRICITY_MAPS_TOKEN',
  wattTimeUsername: 'CARBON_GATE_WATTTIME_USERNAME',
  wattTimePassword: 'CARBON_GATE_WATTTIME_PASSWORD',
} as const;

export interface CredentialRefs {
  /** Values given directly (a flag, an Action input): they beat the env variables. */
  electricityMapsToken?: string;
  wattTimeUsername?: string;
  wattTimePassword?: string;
  tokenEnv?: string;
  usernameEnv?: string;
  passwordEnv?: string;
}

export interface Credentials {
  electricityMapsToken?: string;
  wattTime?: { username: string; password: string };
  notices: string[];
}

export function resolveCredentials(
  refs: CredentialRefs,
  env: Record<string, string | undefined>,
): Credentials {
  const notices: string[] = [];
  const read = (name: string | undefined, fallback: string) => {
    const value = env[name ?? fallback]?.trim();
    if (name && !value) notices.push(`env variable ${name} (named in the config) is not set`);
    return value || undefined;
  };
  const token = refs.electricityMapsToken?.trim() || read(refs.tokenEnv, DEFAULT_TOKEN_ENV.electricityMaps);
  const username =
    refs.wattTimeUsername?.trim() || read(refs.usernameEnv, DEFAULT_TOKEN_ENV.wattTimeUsername);
  const password =
    refs.wattTimePassword?.trim() || read(refs.passwordEnv, DEFAULT_TOKEN_ENV.wattTimePassword);
  return {
    ...(token ? { electricityMapsToken: token } : {}),
    ...(username && password ? { wattTime: { username, password } } : {}),
    notices,
  };
}
