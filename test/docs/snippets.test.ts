import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfigText } from '../../src/config/validate.js';
import { specsFromConfig } from '../../src/runner/specs-from-config.js';

/**
 * Issue 14, first hour 1: every carbon-gate.yml snippet in the README and docs/ is a config carbon-gate
 * accepts (fragments such as a lone `budget:` are completed with `version` and one benchmark), and a
 * benchmark with `cwd` names its script relative to that directory, not to the config's.
 */
const FILES = ['README.md', ...readdirSync('docs').map((f) => `docs/${f}`)];
const BENCH = "benchmarks: [{ name: t, kind: other, run: 'true' }]\n";

function snippets(): { where: string; yaml: string }[] {
  return FILES.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m, i) => ({
      where: `${file} yaml block ${i + 1}`,
      yaml: m[1]!,
    })),
  );
}

/** Workflows and action metadata are GitHub's (checked in test/action/example-workflows.test.ts). */
function isConfig(yaml: string): boolean {
  const v: unknown = parse(yaml);
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  return !['jobs', 'on', 'runs', 'steps'].some((k) => Object.hasOwn(v, k));
}

function complete(yaml: string): string {
  const v = parse(yaml) as Record<string, unknown>;
  return `${'version' in v ? '' : 'version: 1\n'}${yaml}${'benchmarks' in v ? '' : BENCH}`;
}

describe('config snippets in the README and docs', () => {
  const configs = snippets().filter((s) => isConfig(s.yaml));

  it('there are some (the extraction works)', () => expect(configs.length).toBeGreaterThanOrEqual(5));

  it.each(configs.map((s) => [s.where, s.yaml] as const))('%s is accepted', (where, yaml) => {
    const r = parseConfigText(complete(yaml), where);
    expect(r.ok, r.ok ? '' : r.errors.join('\n')).toBe(true);
  });

  it.each(configs.map((s) => [s.where, s.yaml] as const))(
    '%s: a script named beside cwd is not looked for under cwd twice',
    (where, yaml) => {
      const r = parseConfigText(complete(yaml), where);
      if (!r.ok) return; // reported above
      const root = path.resolve('/project');
      for (const spec of specsFromConfig(r.config, root)) {
        const cwd = path.relative(root, spec.cwd);
        if (!cwd) continue;
        for (const arg of spec.run.split(/\s+/).filter((a) => /\.(js|mjs|py|sh)$/.test(a))) {
          const at = path.relative(root, path.resolve(spec.cwd, arg));
          expect(at.startsWith(path.join(cwd, cwd) + path.sep), `${spec.name}: ${arg} → ${at}`).toBe(false);
        }
      }
    },
  );
});
