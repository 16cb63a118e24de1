import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/**
 * A local Chromium for browser tests, driven by playwright-core (which never downloads a browser). Found at
 * $CARBON_GATE_CHROMIUM, else Debian's or Ubuntu's package, else the one .ci/install-chromium.mjs unpacks. When
 * there is none the tests skip, saying why (`skipReason`) — unless $CARBON_GATE_REQUIRE_BROWSER is set, as
 * `.ci/run` sets it after installing one (.ci/install-chromium.mjs): then a missing browser is an error, so
 * CI cannot pass by skipping them.
 */
export const CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  // What .ci/install-chromium.mjs unpacks from the npm registry on a machine without one.
  fileURLToPath(new URL('../../.ci/browser/chromium/chromium', import.meta.url)),
] as const;

export interface ChromiumLookup {
  /** The executable, when one exists. */
  path?: string;
  /** Why there is none, for the skipped test's name. */
  skipReason: string;
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const found = lookUp(env);
  if (!found.path && env.CARBON_GATE_REQUIRE_BROWSER) {
    throw new Error(`CARBON_GATE_REQUIRE_BROWSER is set but ${found.skipReason}`);
  }
  return found;
}

function lookUp(env: NodeJS.ProcessEnv): ChromiumLookup {
  const given = env.CARBON_GATE_CHROMIUM;
  if (given) {
    if (existsSync(given)) return { path: given, skipReason: '' };
    return { skipReason: `CARBON_GATE_CHROMIUM=${given} does not exist` };
  }
  const found = CHROMIUM_PATHS.find((p) => existsSync(p));
  if (found) return { path: found, skipReason: '' };
  return {
    skipReason:
      'no Chromium (run node .ci/install-chromium.mjs, install the chromium package, or set CARBON_GATE_CHROMIUM)',
  };
}

/**
 * Headless Chromium at `executablePath`; as root it needs --no-sandbox. Close it when done. Its temp files
 * go to a short directory of their own, removed when it closes: Chromium aborts when the path of its
 * singleton socket (TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket) exceeds a Unix socket's 108 bytes.
 */
export async function launchChromium(executablePath: string): Promise<Browser> {
  const tmp = mkdtempSync('/tmp/cg-chromium-');
  const browser = await chromium
    .launch({
      executablePath,
      headless: true,
      args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
      env: { ...process.env, TMPDIR: tmp },
      timeout: 30_000,
    })
    .catch((e: unknown) => {
      rmSync(tmp, { recursive: true, force: true });
      throw e;
    });
  browser.on('disconnected', () => rmSync(tmp, { recursive: true, force: true }));
  return browser;
}

/** Where screenshots are kept: $CARBON_GATE_TEST_OUTPUT, else the run's temp dir (removed at the end). */
export function screenshotDir(): string {
  const dir = process.env.CARBON_GATE_TEST_OUTPUT ?? path.join(os.tmpdir(), 'browser-screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}
