import { describe, expect, it } from 'vitest';
import { resolveCredentials, type CredentialRefs } from '../../src/carbon/credentials.js';

const ENV = {
  CARBON_GATE_ELECTRICITY_MAPS_TOKEN: 'env-em',
  CARBON_GATE_WATTTIME_USERNAME: 'env-user',
  CARBON_GATE_WATTTIME_PASSWORD: 'env-pass',
  MY_USER: 'named-user',
  MY_PASS: 'named-pass',
};

describe('resolveCredentials', () => {
  it.each<[string, CredentialRefs, Record<string, string>, object, string[]]>([
    [
      'defaults from the env',
      {},
      ENV,
      { electricityMapsToken: 'env-em', wattTime: { username: 'env-user', password: 'env-pass' } },
      [],
    ],
    [
      'values beat the env',
      { electricityMapsToken: 'flag-em', wattTimeUsername: 'in-user', wattTimePassword: 'in-pass' },
      ENV,
      { electricityMapsToken: 'flag-em', wattTime: { username: 'in-user', password: 'in-pass' } },
      [],
    ],
    [
      'config-named env variables beat the defaults',
      { usernameEnv: 'MY_USER', passwordEnv: 'MY_PASS' },
      ENV,
      { electricityMapsToken: 'env-em', wattTime: { username: 'named-user', password: 'named-pass' } },
      [],
    ],
    // An Action input given as a value: the variable the config names is not read, so no notice about it.
    [
      'a value given: no notice about the unset named variable',
      {
        usernameEnv: 'UNSET_U',
        passwordEnv: 'UNSET_P',
        wattTimeUsername: 'in-user',
        wattTimePassword: 'in-pass',
      },
      {},
      { wattTime: { username: 'in-user', password: 'in-pass' } },
      [],
    ],
    [
      'a named variable that is not set: a notice',
      { usernameEnv: 'UNSET_U' },
      {},
      {},
      ['env variable UNSET_U (named in the config) is not set'],
    ],
    ['half a WattTime login is none', { wattTimeUsername: 'in-user' }, {}, {}, []],
    [
      'blank values fall back to the env',
      { electricityMapsToken: '  ', wattTimeUsername: '' },
      ENV,
      { electricityMapsToken: 'env-em', wattTime: { username: 'env-user', password: 'env-pass' } },
      [],
    ],
  ])('%s', (_, refs, env, expected, notices) => {
    const c = resolveCredentials(refs, env);
    expect({ ...c, notices: undefined }).toEqual({ ...expected, notices: undefined });
    expect(c.notices).toEqual(notices);
  });
});
