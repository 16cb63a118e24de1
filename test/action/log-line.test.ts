import { describe, expect, it } from 'vitest';
import { logLine } from '../../src/action/history.js';

/** Security review, item 3: history.ts's log lines carry branch data and are printed with commands on. */
describe('logLine', () => {
  it('escapes every line break and control character: one line, whatever the data', () => {
    const line = logLine('a\n::warning::x\r::error::y\r\n\u0085\u2028\u2029\u001b[31m\u0000');
    expect(line.split(/\r\n|\r|\n|\u0085|\u2028|\u2029/)).toHaveLength(1);
    expect(line).toBe('a\\n::warning::x\\r::error::y\\r\\n\\u0085\\u2028\\u2029\\u001b[31m\\u0000');
  });

  it('a line that would start with a workflow command is prefixed; others are left as they are', () => {
    expect(logLine('::warning title=x::forged')).toBe('carbon-gate: ::warning title=x::forged');
    expect(logLine('  ##[error]forged')).toBe('carbon-gate:   ##[error]forged');
    expect(logLine('carbon-gate: history: skipped "runs/a\\n.json"')).toBe(
      'carbon-gate: history: skipped "runs/a\\n.json"',
    );
  });
});
