import { describe, expect, it } from 'vitest';
import { findChromium } from '../helpers/browser.js';

// The browser tests skip by name where there is no Chromium, except under .ci/run, which installs one and
// sets CARBON_GATE_REQUIRE_BROWSER: there a missing browser must fail the run instead of skipping quietly.
const existing = process.execPath;
const missing = '/nonexistent/chromium';

describe('findChromium', () => {
  it.each([
    { env: { CARBON_GATE_CHROMIUM: existing }, path: existing, reason: '' },
    { env: { CARBON_GATE_CHROMIUM: existing, CARBON_GATE_REQUIRE_BROWSER: '1' }, path: existing, reason: '' },
    {
      env: { CARBON_GATE_CHROMIUM: missing },
      path: undefined,
      reason: `CARBON_GATE_CHROMIUM=${missing} does not exist`,
    },
  ])('$env → $path', ({ env, path, reason }) => {
    expect(findChromium(env)).toEqual(path ? { path, skipReason: reason } : { skipReason: reason });
  });

  it('a required browser that is missing is an error naming the path', () => {
    expect(() => findChromium({ CARBON_GATE_CHROMIUM: missing, CARBON_GATE_REQUIRE_BROWSER: '1' })).toThrow(
      `CARBON_GATE_REQUIRE_BROWSER is set but CARBON_GATE_CHROMIUM=${missing} does not exist`,
    );
  });
});
