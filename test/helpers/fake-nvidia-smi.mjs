// A stand-in for nvidia-smi, driven by the JSON file named in FAKE_NVIDIA_SMI_CONFIG (see
// fake-nvidia-smi.ts). It answers the queries carbon-gate makes, refuses anything else, and logs
// what it did (argv, each sample's time and watts, the step time) so tests can compute the true energy.
import { appendFileSync, readFileSync } from 'node:fs';

const cfg = JSON.parse(readFileSync(process.env.FAKE_NVIDIA_SMI_CONFIG, 'utf8'));
const log = (entry) => appendFileSync(cfg.logFile, JSON.stringify(entry) + '\n');
const args = process.argv.slice(2);
log({ args });

const DETECT = ['--query-gpu=index,uuid,name', '--format=csv,noheader'];
const LOOP = ['--query-gpu=index,name,power.draw', '--format=csv,noheader,nounits', '-lms'];
const APPS = ['--query-compute-apps=pid,gpu_uuid,used_memory', '--format=csv,noheader,nounits'];
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
// The same default as fake-nvidia-smi.ts's fakeUuid.
const uuid = (i) => cfg.gpus[i].uuid ?? `GPU-${String(i).repeat(8)}-1111-2222-3333-444455556666`;

if (same(args, DETECT)) {
  if (cfg.hang) setTimeout(() => {}, 60_000);
  else if (cfg.detectFail) {
    process.stdout.write(cfg.detectFail.stdout);
    process.exit(cfg.detectFail.exitCode);
  } else process.stdout.write(cfg.gpus.map((g, i) => `${i}, ${uuid(i)}, ${g.name}\n`).join(''));
} else if (same(args, ['-L'])) {
  const mig = cfg.mig ?? [];
  const lines = cfg.gpus.flatMap((g, i) => [
    `GPU ${i}: ${g.name} (UUID: ${uuid(i)})`,
    ...mig.filter((m) => m.gpu === i).map((m, j) => `  MIG 1g.10gb     Device  ${j}: (UUID: ${m.uuid})`),
  ]);
  process.stdout.write(lines.join('\n') + '\n');
} else if (same(args, APPS)) {
  if (cfg.appsFail) {
    process.stdout.write('Failed to initialize NVML: Unknown Error\n');
    process.exit(cfg.appsFail);
  }
  // A pid file the benchmark writes stands for a process that appears once it exists.
  const pidOf = (a) => {
    if (a.pid !== undefined) return a.pid;
    try {
      return Number(readFileSync(a.pidFile, 'utf8').trim()) || null;
    } catch {
      return null;
    }
  };
  const rows = (cfg.apps ?? []).flatMap((a) => {
    const pid = pidOf(a);
    return pid ? [`${pid}, ${uuid(a.gpu)}, ${a.usedMiB ?? '[N/A]'}\n`] : [];
  });
  process.stdout.write(rows.join(''));
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
