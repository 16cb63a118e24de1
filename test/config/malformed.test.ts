import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/validate.js';
import { BENCH, withBench, withTop } from './helpers.js';

const FILE = 'carbon-gate.yml';

interface Case {
  name: string;
  text: string;
  /** Must appear in one error line right after the file name, e.g. `benchmarks[0].timeout`. */
  path: string;
  /** A word of what was expected (or of the problem), in that same line. */
  word: string;
}

const cases: Case[] = [
  { name: 'missing version', text: withTop({ version: undefined }), path: 'version', word: 'expected 1' },
  { name: 'version 2', text: withTop({ version: 2 }), path: 'version', word: 'newer carbon-gate' },
  {
    name: 'benchmarks missing',
    text: withTop({ benchmarks: undefined }),
    path: 'benchmarks',
    word: 'found nothing',
  },
  { name: 'benchmarks empty', text: withTop({ benchmarks: [] }), path: 'benchmarks', word: 'an empty list' },
  { name: 'benchmarks not a list', text: withTop({ benchmarks: 'train' }), path: 'benchmarks', word: 'list' },
  {
    name: 'benchmark entry a string',
    text: withTop({ benchmarks: ['x'] }),
    path: 'benchmarks[0]',
    word: 'mapping',
  },
  { name: 'name missing', text: withBench({ name: undefined }), path: 'benchmarks[0].name', word: 'name' },
  { name: 'name empty', text: withBench({ name: '' }), path: 'benchmarks[0].name', word: 'non-empty' },
  { name: 'name blank', text: withBench({ name: '   ' }), path: 'benchmarks[0].name', word: 'non-empty' },
  {
    name: 'name multi-line',
    text: withBench({ name: 'a\nb' }),
    path: 'benchmarks[0].name',
    word: 'single-line',
  },
  {
    name: 'name duplicate',
    text: withTop({ benchmarks: [BENCH, { ...BENCH, kind: 'other' }] }),
    path: 'benchmarks[1].name',
    word: 'benchmarks[0] already uses it',
  },
  { name: 'kind invalid', text: withBench({ kind: 'gpu' }), path: 'benchmarks[0].kind', word: '"inference"' },
  {
    name: 'kind typo',
    text: withBench({ kind: 'trainig' }),
    path: 'benchmarks[0].kind',
    word: 'did you mean "training"',
  },
  { name: 'run empty', text: withBench({ run: '' }), path: 'benchmarks[0].run', word: 'shell command' },
  {
    name: 'run missing',
    text: withBench({ run: undefined }),
    path: 'benchmarks[0].run',
    word: 'found nothing',
  },
  { name: 'run a number', text: withBench({ run: 42 }), path: 'benchmarks[0].run', word: 'quote it' },
  { name: 'repeat 0', text: withBench({ repeat: 0 }), path: 'benchmarks[0].repeat', word: 'from 1 to 1000' },
  {
    name: 'repeat 1.5',
    text: withBench({ repeat: 1.5 }),
    path: 'benchmarks[0].repeat',
    word: 'whole number',
  },
  {
    name: 'repeat "three"',
    text: withBench({ repeat: 'three' }),
    path: 'benchmarks[0].repeat',
    word: 'whole',
  },
  { name: 'repeat too many', text: withBench({ repeat: 1001 }), path: 'benchmarks[0].repeat', word: '1000' },
  { name: 'warmup -1', text: withBench({ warmup: -1 }), path: 'benchmarks[0].warmup', word: 'from 0 to 100' },
  {
    name: 'timeout 0s',
    text: withBench({ timeout: '0s' }),
    path: 'benchmarks[0].timeout',
    word: 'duration > 0',
  },
  {
    name: 'timeout "soon"',
    text: withBench({ timeout: 'soon' }),
    path: 'benchmarks[0].timeout',
    word: '"soon"',
  },
  {
    name: 'timeout no unit',
    text: withBench({ timeout: 30 }),
    path: 'benchmarks[0].timeout',
    word: 'add a unit',
  },
  {
    name: 'timeout over 24h',
    text: withBench({ timeout: '25h' }),
    path: 'benchmarks[0].timeout',
    word: '24h',
  },
  {
    name: 'env value number',
    text: withBench({ env: { PORT: 8080 } }),
    path: 'benchmarks[0].env.PORT',
    word: '"8080"',
  },
  {
    name: 'env value boolean',
    text: withBench({ env: { DEBUG: true } }),
    path: 'benchmarks[0].env.DEBUG',
    word: 'quote',
  },
  {
    name: 'env value list',
    text: withBench({ env: { A: [1] } }),
    path: 'benchmarks[0].env.A',
    word: 'found a list',
  },
  { name: 'env value empty', text: withBench({ env: { A: null } }), path: 'benchmarks[0].env.A', word: '""' },
  { name: 'env not a map', text: withBench({ env: ['A=1'] }), path: 'benchmarks[0].env', word: 'mapping' },
  {
    name: 'env bad variable name',
    text: withBench({ env: { 'MY VAR': 'x' } }),
    path: 'benchmarks[0].env["MY VAR"]',
    word: 'variable name',
  },
  { name: 'cwd empty', text: withBench({ cwd: '' }), path: 'benchmarks[0].cwd', word: 'directory' },
  { name: 'pue 0.5', text: withTop({ pue: 0.5 }), path: 'pue', word: 'from 1 to 3' },
  { name: 'pue "high"', text: withTop({ pue: 'high' }), path: 'pue', word: 'number' },
  { name: 'pue quoted number', text: withTop({ pue: '1.2' }), path: 'pue', word: 'remove the quotes' },
  { name: 'region with spaces', text: withTop({ region: 'New York' }), path: 'region', word: 'region code' },
  { name: 'region empty', text: withTop({ region: '' }), path: 'region', word: 'region code' },
  { name: 'meter not a map', text: withTop({ meter: 'fast' }), path: 'meter', word: 'mapping' },
  {
    name: 'meter.interval too small',
    text: withTop({ meter: { interval: '10ms' } }),
    path: 'meter.interval',
    word: '50ms',
  },
  {
    name: 'meter.interval too large',
    text: withTop({ meter: { interval: '2m' } }),
    path: 'meter.interval',
    word: '60s',
  },
  {
    name: 'unknown top-level key',
    text: withTop({ benchmark: [] }),
    path: 'benchmark',
    word: 'did you mean "benchmarks"',
  },
  {
    name: 'unknown nested key',
    text: withBench({ repeats: 3 }),
    path: 'benchmarks[0].repeats',
    word: 'did you mean "repeat"',
  },
  {
    name: 'unknown key by prefix',
    text: withBench({ time: '1m' }),
    path: 'benchmarks[0].time',
    word: '"timeout"',
  },
  {
    name: 'unknown key, no hint',
    text: withBench({ gpu: 1 }),
    path: 'benchmarks[0].gpu',
    word: 'allowed keys: name, kind',
  },
  {
    name: 'unknown meter key',
    text: withTop({ meter: { intervl: '1s' } }),
    path: 'meter.intervl',
    word: '"interval"',
  },
  {
    name: '__proto__ key',
    text: 'version: 1\n__proto__: {}\nbenchmarks: [{name: a, kind: other, run: x}]\n',
    path: '__proto__',
    word: 'unknown key',
  },
  { name: 'top-level list', text: '- version: 1\n', path: '', word: 'found a list' },
  { name: 'top-level scalar', text: 'hello\n', path: '', word: 'found a string' },
  { name: 'empty file', text: '', path: '', word: 'the file is empty' },
  { name: 'whitespace only', text: '  \n\n', path: '', word: 'the file is empty' },
  { name: 'comments only', text: '# nothing yet\n', path: '', word: 'the file is empty' },
  {
    name: 'YAML syntax error',
    text: 'version: 1\nbenchmarks:\n  - name: "train\n',
    path: ':4:1',
    word: 'YAML syntax error',
  },
  {
    name: 'YAML bad indentation',
    text: 'version: 1\nbenchmarks: [a, b\n',
    path: ':3:1',
    word: 'YAML syntax error',
  },
  {
    name: 'YAML tab indentation',
    text: 'version: 1\nbenchmarks:\n\t- name: a\n',
    path: ':3:1',
    word: 'Tabs',
  },
  {
    name: 'duplicate keys',
    text: 'version: 1\nversion: 1\nbenchmarks: []\n',
    path: ':2:1',
    word: 'duplicate key "version"',
  },
  {
    name: 'nested duplicate keys',
    text: withBench({}).replace('run:', 'kind: other\n    run:'),
    path: ':5:5',
    word: 'duplicate key "kind"',
  },
  {
    name: 'two YAML documents',
    text: 'version: 1\n---\nversion: 1\n',
    path: ':2:1',
    word: 'multiple documents',
  },
  { name: 'unresolved alias', text: 'version: 1\nbenchmarks: *missing\n', path: '', word: 'alias' },
];

describe('parseConfigText rejects malformed configs', () => {
  it('covers at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30));

  it.each(cases)('$name', ({ text, path, word }) => {
    const result = parseConfigText(text, FILE);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    const prefix = path.startsWith(':') ? `${FILE}${path}` : path ? `${FILE}: ${path}: ` : `${FILE}: `;
    const line = errors.find((l) => l.startsWith(prefix) && l.includes(word));
    expect(line, `no line starting "${prefix}" mentioning "${word}" in:\n${errors.join('\n')}`).toBeDefined();
    for (const l of errors) expect(l).not.toContain('\n');
  });
});
