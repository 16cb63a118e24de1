// A stand-in for nvidia-smi, driven by the JSON file named in FAKE_NVIDIA_SMI_CONFIG (see
// fake-nvidia-smi.ts). It answers the two queries carbon-gate makes, refuses anything else, and logs
// what it did (argv, each sample's time and watts, the step time) so tests can compute the true energy.
import { appendFileSync, readFileSync } from 'node:fs';

const cfg = JSON.parse(readFileSync(process.env.FAKE_NVIDIA_SMI_CONFIG, 'utf8'));
const log = (entry) => appendFileSync(cfg.logFile, JSON.stringify(entry) + '\n');
const args = process.argv.slice(2);
log({ args });

const DETECT = ['--query-gpu=index,name', '--format=csv,noheader'];
const LOOP = ['--query-gpu=index,name,power.draw', '--format=csv,noheader,nounits', '-lms'];
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

if (same(args, DETECT)) {
  if (cfg.hang) setTimeout(() => {}, 60_000);
  else if (cfg.detectFail) {
    process.stdout.write(cfg.detectFail.stdout);
    process.exit(cfg.detectFail.exitCode);
  } else process.stdout.write(cfg.gpus.map((g, i) => `${i}, ${g.name}\n`).join(''));
} else if (args.length === 4 && same(args.slice(0, 3), LOOP) && /^\d+$/.test(args[3])) {
  loop(Number(args[3]));
} else {
  process.stderr.write("Invalid combination of input arguments. Please run 'nvidia-smi -h' for help.\n");
  process.exit(2);
}

// Samples on a fixed schedule (not drifting setTimeout chains), all GPUs' lines in one write.
function loop(intervalMs) {
  const t0 = Date.now();
  // The step is timed from the first sample, so the meter always has a reading before it.
  const stepAtMs = cfg.step ? t0 + cfg.step.afterMs : Infinity;
  if (cfg.step) log({ stepAtMs });
  let sample = 0;
  const tick = () => {
    if (cfg.exitAfter !== undefined && sample >= cfg.exitAfter) {
      if (cfg.stderr) process.stderr.write(cfg.stderr + '\n');
      log({ exit: cfg.exitCode ?? 0 });
      process.exit(cfg.exitCode ?? 0);
    }
    const t = Date.now();
    const watts = cfg.gpus.map((g, i) => (t >= stepAtMs ? cfg.step.watts[i] : g.watts));
    const value = (gpu) => {
      const bad = (cfg.unavailable ?? []).find((u) => u.gpu === gpu && sample >= u.from && sample < u.to);
      return bad ? bad.value : watts[gpu].toFixed(2);
    };
    if (cfg.silentAfter === undefined || sample < cfg.silentAfter) {
      let out = cfg.gpus.map((g, gpu) => `${gpu}, ${g.name}, ${value(gpu)}\n`).join('');
      if ((cfg.garbageAt ?? []).includes(sample))
        out += 'Unable to determine the device handle for GPU0000:17:00.0: Unknown Error\n';
      process.stdout.write(out);
    }
    log({ sample, t });
    sample++;
    setTimeout(tick, Math.max(0, t0 + sample * intervalMs - Date.now()));
  };
  tick();
}
