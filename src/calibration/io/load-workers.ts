import os from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Duty-cycled CPU load: one worker thread per logical CPU, each busy for u × period of every
 * period and asleep (Atomics.wait, no CPU) for the rest. The target lives in shared memory, so
 * a new load applies within one period without messages. The worker is inline source (eval)
 * because the CLI ships as one bundled file, with no separate worker script to point at.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const ctl = new Int32Array(workerData.control);
const period = workerData.periodMs;
while (Atomics.load(ctl, 1) === 0) {
  const start = performance.now();
  const busyMs = (Atomics.load(ctl, 0) / 10000) * period;
  while (performance.now() - start < busyMs) {}
  const rest = period - (performance.now() - start);
  if (rest > 0) Atomics.wait(ctl, 2, 0, rest);
}
`;

/** Control words: [0] load in 1/10000, [1] stop flag, [2] never changes (something to wait on). */
const LOAD = 0;
const STOP = 1;
const PARK = 2;

export interface LoadWorkers {
  readonly count: number;
  setLoad(utilisation: number): void;
  stop(): Promise<void>;
}

export const DUTY_PERIOD_MS = 100;

export function startLoadWorkers(count = os.availableParallelism(), periodMs = DUTY_PERIOD_MS): LoadWorkers {
  const control = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  const workers = Array.from(
    { length: count },
    () => new Worker(WORKER_SOURCE, { eval: true, workerData: { control: control.buffer, periodMs } }),
  );
  const exited = workers.map((w) => new Promise<void>((resolve) => w.once('exit', () => resolve())));
  // A calibration that dies must not leave threads spinning: they are not worth keeping Node alive.
  for (const w of workers) w.unref();
  return {
    count,
    setLoad(utilisation) {
      Atomics.store(control, LOAD, Math.round(Math.min(1, Math.max(0, utilisation)) * 10000));
    },
    async stop() {
      // Referenced again so Node waits for them to finish rather than exiting mid-await.
      for (const w of workers) w.ref();
      Atomics.store(control, STOP, 1);
      Atomics.notify(control, PARK);
      await Promise.all(exited);
    },
  };
}
