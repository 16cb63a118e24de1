#!/usr/bin/env node
// Prints the path of a headless Chromium that works on this machine, installing one when there is none, so
// that the browser tests (the PR comment, the Pareto chart, the dashboard) run in CI instead of skipping.
//
// Order: $CARBON_GATE_CHROMIUM; else the browser shipped inside the npm package @sparticuz/chromium, pinned by
// .ci/browser/package-lock.json (CI reaches the npm registry and nothing else, and playwright's own download
// is refused), so every CI machine renders with the same Chromium; else Debian's or Ubuntu's package.
// @sparticuz/chromium is built for Amazon Linux: its brotli-packed binary, shared libraries (NSS, NSPR,
// expat) and fonts are unpacked under .ci/browser/chromium/, and a wrapper script points the binary at them
// (LD_LIBRARY_PATH, FONTCONFIG_FILE). Every candidate must render
// a page headless before it is printed. Diagnostics go to stderr; exit 1 when no browser could be had.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkgDir = path.join(here, 'browser');
const outDir = path.join(pkgDir, 'chromium');
const wrapper = path.join(outDir, 'chromium');
const say = (line) => process.stderr.write(`install-chromium: ${line}\n`);
// The pinned version, stamped into the wrapper: a wrapper from another version is unpacked again.
const version = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).dependencies[
  '@sparticuz/chromium'
];
const stamp = `@sparticuz/chromium@${version}`;
const installed = () => existsSync(wrapper) && readFileSync(wrapper, 'utf8').includes(stamp);

/** Renders a tiny page through playwright-core, as the tests drive it; true when it came back. */
async function renders(executable) {
  const { chromium } = await import('playwright-core');
  const args = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  let browser;
  try {
    browser = await chromium.launch({ executablePath: executable, headless: true, args, timeout: 60_000 });
    const page = await browser.newPage();
    await page.setContent('<p id="cg">rendered</p>');
    if ((await page.textContent('#cg')) === 'rendered') return true;
    say(`${executable} did not render a page`);
  } catch (e) {
    say(`${executable} did not start: ${tail(e instanceof Error ? e.message : String(e))}`);
  } finally {
    await browser?.close();
  }
  return false;
}

const tail = (text = '') => text.trim().split('\n').slice(-3).join(' | ');

async function unbrotli(from, to) {
  await pipeline(createReadStream(from), zlib.createBrotliDecompress(), createWriteStream(to));
}

async function untarBrotli(from, dir) {
  const tar = path.join(outDir, 'tmp.tar');
  await unbrotli(from, tar);
  const r = spawnSync('tar', ['-xf', tar, '-C', dir], { encoding: 'utf8' });
  rmSync(tar, { force: true });
  if (r.status !== 0) throw new Error(`tar -xf ${path.basename(from)}: ${tail(r.stderr)}`);
}

async function installFromNpm() {
  say('installing @sparticuz/chromium from the npm registry (.ci/browser)');
  const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', pkgDir], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 300_000,
  });
  if (ci.status !== 0) throw new Error(`npm ci in .ci/browser failed: ${tail(ci.stderr)}`);
  const bin = path.join(pkgDir, 'node_modules', '@sparticuz', 'chromium', 'bin');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await unbrotli(path.join(bin, 'chromium.br'), path.join(outDir, 'chromium-bin'));
  chmodSync(path.join(outDir, 'chromium-bin'), 0o755);
  for (const pack of ['al2023.tar.br', 'fonts.tar.br', 'swiftshader.tar.br']) {
    await untarBrotli(path.join(bin, pack), outDir);
  }
  // The package's fonts.conf names Lambda's folders; ours names the unpacked fonts and the system's.
  writeFileSync(
    path.join(outDir, 'fonts.conf'),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
      `  <dir>${path.join(outDir, 'fonts')}</dir>\n  <dir>/usr/share/fonts</dir>\n` +
      `  <cachedir>${path.join(outDir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
  );
  writeFileSync(
    wrapper,
    `#!/bin/sh\n# Written by .ci/install-chromium.mjs: ${stamp} with its own libraries and fonts.\n` +
      `d=$(dirname "$0")\n` +
      `LD_LIBRARY_PATH="$d/lib:$d\${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" FONTCONFIG_FILE="$d/fonts.conf" ` +
      `exec "$d/chromium-bin" "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
}

async function main() {
  const given = process.env.CARBON_GATE_CHROMIUM;
  if (given && existsSync(given) && (await renders(given))) return given;
  try {
    if (!installed()) await installFromNpm();
    if (await renders(wrapper)) return wrapper;
  } catch (e) {
    say(e instanceof Error ? e.message : String(e));
  }
  for (const system of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(system) && (await renders(system))) return system;
  }
  throw new Error('no Chromium renders a page here: neither the npm-packaged one nor a system package');
}

main().then(
  (found) => process.stdout.write(`${found}\n`),
  (e) => {
    say(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
