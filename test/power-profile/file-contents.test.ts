import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/validate.js';
import { ConfigError } from '../../src/errors/config-error.js';
import { loadConfig } from '../../src/io/config-file.js';
import { loadPowerProfile } from '../../src/power-profile/io/load-power-profile.js';
import { parsePowerProfileText } from '../../src/power-profile/parse.js';

/**
 * Issue 12, item 2: a file that is not what was expected gives an error saying what was expected and
 * where, never its bytes; and `powerProfile:` may only name a file inside the config's directory tree.
 */

const PASSWD = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n';
const TOKEN = 'ghp_0123456789abcdefSECRET';
const GIT_CONFIG = '[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n';
const PROFILE = {
  version: 1,
  source: 'manual',
  idleW: 5,
  loadW: [
    { utilisation: 0.5, watts: 20 },
    { utilisation: 1, watts: 30 },
  ],
};
const CONFIG = (profile: string) =>
  `version: 1\npowerProfile: ${JSON.stringify(profile)}\nbenchmarks:\n  - { name: a, kind: other, run: "true" }\n`;

let root: string;
let repo: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'cg-pp-'));
  repo = path.join(root, 'repo');
  mkdirSync(path.join(repo, '.git'), { recursive: true });
  writeFileSync(path.join(repo, '.git', 'config'), GIT_CONFIG);
  writeFileSync(path.join(repo, 'runner-power.json'), JSON.stringify(PROFILE));
  writeFileSync(path.join(root, 'passwd'), PASSWD);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function errorsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).lines;
  }
  throw new Error('expected a ConfigError');
}

async function configErrors(text: string): Promise<string[]> {
  const file = path.join(repo, 'carbon-gate.yml');
  writeFileSync(file, text);
  const error = await loadConfig(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).lines;
}

const NO_BYTES = (lines: readonly string[]) => {
  const text = lines.join('\n');
  for (const bytes of ['root:x', 'daemon', TOKEN, 'extraheader', 'AUTHORIZATION', 'c2VjcmV0'])
    expect(text).not.toContain(bytes);
};

describe('a power profile that is not JSON, or not an object: what was expected and where, no bytes', () => {
  it.each([
    ['a passwd file', PASSWD],
    ['a git config', GIT_CONFIG],
    ['a token', `${TOKEN}\n`],
    ['a JSON string', JSON.stringify(TOKEN)],
    ['a JSON list of strings', JSON.stringify([TOKEN])],
    ['JSON with a token after it', `{"version": 1} ${TOKEN}`],
  ])('%s', (_what, text) => {
    const result = parsePowerProfileText(text, 'p.json');
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^p\.json(:\d+:\d+)?: /);
    expect(errors[0]).toMatch(/expected .*a JSON object with version, source, idleW and loadW/);
    NO_BYTES(errors);
  });

  it('a syntax error is located as file:line:col', () => {
    const result = parsePowerProfileText('{\n  "version": 1,\n  idleW: 1\n}', 'p.json');
    expect(result.ok ? [] : result.errors).toEqual([expect.stringMatching(/^p\.json:3:3: invalid JSON: /)]);
  });

  it('loadPowerProfile on such a file inside the tree quotes nothing of it', () => {
    writeFileSync(path.join(repo, 'passwd.json'), PASSWD);
    NO_BYTES(errorsOf(() => loadPowerProfile(path.join(repo, 'passwd.json'))));
  });

  it('loadPowerProfile refuses a file under .git/, also through a symlink', () => {
    symlinkSync('.git/config', path.join(repo, 'linked.json'));
    for (const name of ['.git/config', 'linked.json']) {
      const lines = errorsOf(() => loadPowerProfile(path.join(repo, name)));
      expect(lines).toEqual([expect.stringMatching(/inside \.git\/; expected a power profile/)]);
      NO_BYTES(lines);
    }
  });
});

describe('a config file that is not a config: what was expected and where, no bytes', () => {
  it.each([
    ['a passwd file', PASSWD],
    ['a token', `${TOKEN}\n`],
    ['a .env file', `GITHUB_TOKEN=${TOKEN}\nOTHER=1\n`],
    ['a git config', GIT_CONFIG],
  ])('%s', (_what, text) => {
    const result = parseConfigText(text, 'carbon-gate.yml');
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.length).toBeGreaterThan(0);
    for (const line of errors) expect(line).toMatch(/^carbon-gate\.yml(:\d+:\d+)?: /);
    NO_BYTES(errors);
  });

  it('a top-level scalar says which kind of value it found, not the value', () => {
    const result = parseConfigText(`${TOKEN}\n`, 'carbon-gate.yml');
    expect(result.ok ? [] : result.errors).toEqual([
      'carbon-gate.yml: expected a mapping with version and benchmarks, found a string',
    ]);
  });
});

describe('powerProfile: only inside the config file’s directory tree (symlinks resolved), never .git/', () => {
  it('a profile beside the config, or below it, is accepted', async () => {
    mkdirSync(path.join(repo, 'profiles'));
    writeFileSync(path.join(repo, 'profiles', 'p.json'), JSON.stringify(PROFILE));
    symlinkSync('profiles/p.json', path.join(repo, 'linked.json'));
    for (const name of ['./runner-power.json', 'profiles/p.json', 'linked.json']) {
      const file = path.join(repo, 'carbon-gate.yml');
      writeFileSync(file, CONFIG(name));
      const loaded = await loadConfig(file);
      expect(loaded.config.powerProfile).toBe(name);
    }
  });

  it.each([
    ['an absolute path elsewhere', () => path.join(root, 'passwd')],
    ['/etc/passwd', () => '/etc/passwd'],
    ['a relative path out of the tree', () => '../passwd'],
    ['a missing file out of the tree', () => '../../nope.json'],
    [
      'a symlink in the tree pointing out of it',
      () => {
        symlinkSync(path.join(root, 'passwd'), path.join(repo, 'evil.json'));
        return 'evil.json';
      },
    ],
  ])('%s is refused', async (_what, name) => {
    const value = name();
    const lines = await configErrors(CONFIG(value));
    // A long value is shown cut short (with …), never in full: compare its start only.
    expect(lines).toHaveLength(1);
    const [head, tail] = [
      `${path.join(repo, 'carbon-gate.yml')}: powerProfile: "`,
      `" is outside the config file's directory; expected a power profile file inside ${repo}`,
    ];
    expect(lines[0]!.startsWith(head) && lines[0]!.endsWith(tail)).toBe(true);
    const shown = lines[0]!.slice(head.length, -tail.length);
    expect(shown === value || (shown.endsWith('…') && value.startsWith(shown.slice(0, -1)))).toBe(true);
    NO_BYTES(lines);
  });

  it('a profile under .git/ is refused at load', async () => {
    symlinkSync('.git/config', path.join(repo, 'linked.json'));
    for (const name of ['.git/config', 'linked.json']) {
      const lines = await configErrors(CONFIG(name));
      expect(lines).toEqual([
        expect.stringMatching(/powerProfile: .* is inside \.git\/; expected a power profile/),
      ]);
      NO_BYTES(lines);
    }
  });

  it('a missing profile inside the tree still loads (the meter says "not found" when it needs it)', async () => {
    const file = path.join(repo, 'carbon-gate.yml');
    writeFileSync(file, CONFIG('./later.json'));
    expect((await loadConfig(file)).config.powerProfile).toBe('./later.json');
  });
});
