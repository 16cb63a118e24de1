/**
 * Throughput and CPU cost of the benchmark-output forwarder (src/runner/io/line-prefixer.ts) against
 * `cat`, on the same data through the same pipes (issue 12's target: linear, within 2× of cat).
 * Method: the real LinePrefixer, bundled with esbuild into a small Node program that forwards its stdin
 * to its stdout as spawn-command forwards a benchmark's pipe (prefix "[bench] "), runs as
 * `cat FILE | (TOOL; times) | wc -c`. The CPU time (user + system) is the tool's own, read from outside
 * by the shell's `times` (the rusage of its waited child); the wall time is the whole pipeline's, start-up
 * included. Each figure is the median of REPEATS runs; `wc -c` checks the output's size.
 * Run: npm run bench:forwarder [-- MB] (default 100).
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { CONTINUATION_MARK, MAX_LINE_BYTES } from '../src/runner/io/line-prefixer.js';

const MB = Number(process.argv[2] ?? 100);
const BYTES = Math.round(MB * 1e6);
const REPEATS = 3;
const PREFIX = '[bench] ';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-forwarder-'));

interface Data {
  name: string;
  file: string;
  /** Lines the forwarder writes, and bytes it adds beyond the prefixes. */
  lines: number;
  extra: number;
}

/** Writes BYTES bytes of `piece(i)` repeated (the last one cut), counting line ends ("\n", "\r", "\r\n"). */
function makeFile(name: string, piece: (i: number) => string): Data {
  const file = path.join(dir, `${name}.txt`);
  const fd = openSync(file, 'w');
  let written = 0;
  let lines = 0;
  let block: string[] = [];
  let blockLen = 0;
  let last = '';
  for (let i = 0; written + blockLen < BYTES; i++) {
    let s = piece(i);
    if (written + blockLen + s.length > BYTES) s = s.slice(0, BYTES - written - blockLen);
    block.push(s);
    blockLen += s.length;
    last = s.at(-1) ?? last;
    lines += s.match(/\r\n|\r|\n/g)?.length ?? 0;
    if (blockLen >= 1 << 20) {
      written += writeSync(fd, block.join(''));
      block = [];
      blockLen = 0;
    }
  }
  writeSync(fd, block.join(''));
  closeSync(fd);
  // flush() ends the last line with "\n": after a lone CR, that "\n" alone; else a prefixed line.
  if (last === '\r') return { name, file, lines, extra: 1 };
  if (last !== '\n') return { name, file, lines: lines + 1, extra: 1 };
  return { name, file, lines, extra: 0 };
}

/** A training log: lines of 60 to 100 bytes. */
function logLine(i: number): string {
  const loss = (1 / (1 + i / 1000)).toFixed(6);
  return `epoch ${Math.floor(i / 5000)} step ${i % 5000}/5000 loss=${loss} acc=0.${(i * 7919) % 1000000} lr=1.0e-4${' '.repeat(i % 40)}\n`;
}

/** A tqdm progress bar: updates separated by "\r" only, one "\n" at the very end. */
function progress(i: number): string {
  const pct = i % 101;
  const bar = '#'.repeat(Math.floor(pct / 10)).padEnd(10, ' ');
  return `\r${String(pct).padStart(3)}%|${bar}| ${i}/1000000 [00:${String(i % 60).padStart(2, '0')}<00:07, 2133.45it/s]`;
}

try {
  console.log(
    `forwarder vs cat: ${MB} MB each, median of ${REPEATS} runs, ${os.cpus().length} CPUs, Node ${process.version}`,
  );
  const data: Data[] = [
    makeFile('with newlines', logLine),
    makeFile('without newlines', () => 'a'.repeat(1 << 16)),
    makeFile('\\r progress bar', progress),
  ];
  // Output without a line end is cut at the cap: a "\n" ends each piece, a mark starts each but the first.
  const noNewlines = data[1]!;
  noNewlines.lines = Math.ceil(BYTES / MAX_LINE_BYTES);
  noNewlines.extra = noNewlines.lines + (noNewlines.lines - 1) * Buffer.byteLength(CONTINUATION_MARK);

  const forwarder = path.join(dir, 'forwarder.mjs');
  await build({
    stdin: {
      contents: `import { LinePrefixer } from './src/runner/io/line-prefixer.ts';
  const p = new LinePrefixer(${JSON.stringify(PREFIX)}, process.stdout);
  process.stdin.on('data', (c) => p.write(c));
  process.stdin.on('end', () => p.flush());`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: forwarder,
    logLevel: 'warning',
  });
  const empty = path.join(dir, 'empty.txt');
  closeSync(openSync(empty, 'w'));

  const passthrough = path.join(dir, 'passthrough.mjs');
  writeFileSync(passthrough, `process.stdin.on('data', (c) => process.stdout.write(c));\n`);

  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const node = quote(process.execPath);
  const tools = [
    { name: 'cat', command: 'cat' },
    // The floor of any forwarder in a Node process: stream in, stream out, nothing done.
    { name: 'node pass-through', command: `${node} ${quote(passthrough)}` },
    { name: 'forwarder', command: `${node} ${quote(forwarder)}` },
  ];

  interface Run {
    wallS: number;
    cpuS: number;
    outBytes: number;
  }

  /** One `cat FILE | (TOOL; times) | wc -c`: wall time, the tool's CPU time (from `times`), output size. */
  function runOnce(file: string, tool: string): Promise<Run> {
    const script = `cat ${quote(file)} | (${tool}; times >&2) | wc -c`;
    return new Promise((resolve, reject) => {
      const start = performance.now();
      // bash: its `times` reads getrusage (1 ms), dash's the 10 ms clock ticks of times(2).
      const child = spawn('bash', ['-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        const wallS = (performance.now() - start) / 1000;
        // `times`: the subshell's own user and system time, then its children's (the tool's).
        const t = [...err.matchAll(/(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/g)].at(-1);
        if (code !== 0 || !t) return reject(new Error(`${script} failed (${code}): ${err}`));
        const cpuS = Number(t[1]) * 60 + Number(t[2]) + Number(t[3]) * 60 + Number(t[4]);
        resolve({ wallS, cpuS, outBytes: Number(out.trim()) });
      });
    });
  }

  async function median(file: string, tool: string): Promise<Run> {
    const runs: Run[] = [];
    for (let i = 0; i < REPEATS; i++) runs.push(await runOnce(file, tool));
    const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return {
      wallS: mid(runs.map((r) => r.wallS)),
      cpuS: mid(runs.map((r) => r.cpuS)),
      outBytes: runs[0]!.outBytes,
    };
  }

  const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`.padStart(7);
  const startup = new Map<string, Run>();
  for (const tool of tools) startup.set(tool.name, await median(empty, tool.command));
  console.log(
    `start-up on empty input: ${tools.map((t) => `${t.name} ${ms(startup.get(t.name)!.wallS).trim()} wall, ${ms(startup.get(t.name)!.cpuS).trim()} CPU`).join('; ')}`,
  );
  /** CPU time less the tool's start-up: what forwarding costs inside an already running carbon-gate. */
  const net = (x: Run, tool: string) => Math.max(x.cpuS - startup.get(tool)!.cpuS, 1e-3);

  for (const d of data) {
    const r = new Map<string, Run>();
    for (const tool of tools) r.set(tool.name, await median(d.file, tool.command));
    const expected = BYTES + d.lines * PREFIX.length + d.extra;
    for (const [name, run] of r) {
      const want = name === 'forwarder' ? expected : BYTES;
      if (run.outBytes !== want)
        throw new Error(`${d.name}: ${name} wrote ${run.outBytes} bytes, expected ${want}`);
    }
    console.log(`${MB} MB ${d.name}, ${d.lines} lines out (output size checked):`);
    for (const [name, run] of r) {
      console.log(
        `  ${name.padEnd(18)} ${`${(MB / run.wallS).toFixed(0)} MB/s`.padStart(10)} ${ms(run.wallS)} wall ${ms(run.cpuS)} CPU ${ms(net(run, name))} CPU less start-up`,
      );
    }
    const cat = r.get('cat')!;
    const fwd = r.get('forwarder')!;
    const floor = r.get('node pass-through')!;
    const cpuRatio = net(fwd, 'forwarder') / net(cat, 'cat');
    console.log(
      `  forwarder ÷ cat: wall ×${(fwd.wallS / cat.wallS).toFixed(2)}, CPU ×${(fwd.cpuS / cat.cpuS).toFixed(2)} ` +
        `(×${cpuRatio.toFixed(2)} less start-up): ${fwd.wallS <= 2 * cat.wallS && cpuRatio <= 2 ? 'within' : 'OVER'} the 2× target; ` +
        `forwarder ÷ node pass-through, CPU less start-up: ×${(net(fwd, 'forwarder') / net(floor, 'node pass-through')).toFixed(2)}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
