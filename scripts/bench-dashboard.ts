/**
 * The dashboard at scale (issue 16, part 2): 5,000 recorded runs of 3 benchmarks (5 repeats each, as
 * toRunRecord writes them) → the site's bytes per page, the pure build's time (src/dashboard/site.ts), the
 * CLI's time end to end (`dist/cli.js dashboard --from`: read, validate, build, write; needs `npm run
 * build`), and, when Chromium is installed, the time Chromium takes to load each page (navigation to the
 * load event, file://). Each time is the median of REPEATS runs.
 * Run: npm run bench:dashboard [-- RUNS] (default 5000).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSite } from '../src/dashboard/site.js';
import { benchSlug } from '../src/dashboard/slug.js';
import { recordPath } from '../src/github/history/record-path.js';
import { toRunRecord, type StoredRecord } from '../src/github/history/record.js';
import { median } from '../src/stats/median.js';
import { mulberry32 } from '../src/stats/prng.js';
import { findChromium, launchChromium } from '../test/helpers/browser.js';

const RUNS = Number(process.argv[2] ?? 5000);
const REPEATS = 3;
const NAMES = ['cnn-train', 'mlp-train', 'knn-classify'];
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(root, 'dist/cli.js');
const CHROMIUM = findChromium();

function records(): StoredRecord[] {
  const rand = mulberry32(16);
  const start = Date.now() - RUNS * 600_000;
  return Array.from({ length: RUNS }, (_, i) => {
    const now = new Date(start + i * 600_000);
    const sha = (0x1000000 + i).toString(16).padStart(40, '0');
    const benchmarks = NAMES.map((name, b) => ({
      name,
      status: 'pass' as const,
      samples: Array.from({ length: 5 }, () => {
        const energyJ = (b + 1) * 50 * (1 + 0.05 * rand()) * (i > RUNS / 2 ? 1.1 : 1);
        return { status: 'ok' as const, energyJ, co2eG: energyJ * 1.2e-4, durationS: 2 };
      }),
    }));
    const record = toRunRecord(
      {
        createdAt: now.toISOString(),
        config: 'carbon-gate.yml',
        totals: { energyJ: 300, co2eG: 0.036 },
        benchmarks,
      },
      { sha, ref: 'refs/heads/main', runId: String(7_000_000 + i), now },
    );
    return { path: recordPath(now, sha, `r${i}`), record };
  });
}

function timed(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-dashboard-'));
try {
  const recs = records();
  const input = {
    records: recs,
    source: 'benchmark',
    now: new Date(),
    links: { server: 'https://github.com', repo: 'octo/repo' },
  };
  let files = new Map<string, string>();
  const build = median(Array.from({ length: REPEATS }, () => timed(() => (files = buildSite(input)))))!;
  console.log(`runs: ${RUNS}, benchmarks: ${NAMES.length}, repeats per benchmark: 5`);
  console.log(`pure build (buildSite): ${build.toFixed(0)} ms (median of ${REPEATS})`);
  const bench = `b/${benchSlug(NAMES[0]!)}.html`;
  for (const f of ['index.html', bench, 'runs.csv'])
    console.log(`  ${f}: ${kb(Buffer.byteLength(files.get(f)!))}`);
  console.log(
    `  all ${files.size} files: ${kb([...files.values()].reduce((s, c) => s + Buffer.byteLength(c), 0))}`,
  );

  const runs = path.join(dir, 'data', 'runs');
  mkdirSync(runs, { recursive: true });
  for (const r of recs) writeFileSync(path.join(dir, 'data', r.path), JSON.stringify(r.record));
  if (existsSync(CLI)) {
    const cli = median(
      Array.from({ length: REPEATS }, () =>
        timed(() =>
          execFileSync(process.execPath, [CLI, 'dashboard', '--from', 'data', '--out', 'site'], {
            cwd: dir,
            stdio: 'pipe',
            env: { ...process.env, GITHUB_REPOSITORY: 'octo/repo' },
          }),
        ),
      ),
    )!;
    console.log(
      `CLI end to end (dashboard --from, ${RUNS} record files): ${cli.toFixed(0)} ms (median of ${REPEATS})`,
    );
  } else console.log('CLI end to end: skipped (no dist/cli.js: npm run build)');

  if (CHROMIUM.path) {
    const out = path.join(dir, 'site');
    if (!existsSync(out)) {
      for (const [f, c] of files) {
        mkdirSync(path.dirname(path.join(out, f)), { recursive: true });
        writeFileSync(path.join(out, f), c);
      }
    }
    const browser = await launchChromium(CHROMIUM.path);
    try {
      for (const f of ['index.html', bench]) {
        const times: number[] = [];
        for (let i = 0; i < REPEATS; i++) {
          const page = await browser.newPage();
          const t = performance.now();
          await page.goto(pathToFileURL(path.join(out, f)).href, { waitUntil: 'load' });
          times.push(performance.now() - t);
          if (i === 0 && process.env.BENCH_SCREENSHOT_DIR)
            await page.screenshot({
              path: path.join(process.env.BENCH_SCREENSHOT_DIR, `${path.basename(f)}.png`),
              fullPage: true,
            });
          await page.close();
        }
        console.log(
          `Chromium load ${f} (${kb(statSync(path.join(out, f)).size)}): ${median(times)!.toFixed(0)} ms (median of ${REPEATS})`,
        );
      }
    } finally {
      await browser.close();
    }
  } else console.log(`Chromium load: skipped (${CHROMIUM.skipReason})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
