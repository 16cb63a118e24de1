import { appendFileSync } from 'node:fs';
import { monotonicS } from '../../meter/io/monotonic.js';
import { MARKERS_ENV } from '../../meter/task-window.js';

/** CLOCK_MONOTONIC seconds, the clock carbon-gate reads markers on. */
const now = () => monotonicS().toFixed(6);

/**
 * Runs `work` as a task window: carbon-gate meters energy between the `start` and `stop` lines apart from
 * the whole run, so Node and TF.js start-up, data decoding and model building do not dilute a change in
 * the work itself (src/meter/task-window.ts). Nothing is written when run by hand.
 */
export async function inTaskWindow<T>(work: () => Promise<T>): Promise<T> {
  const file = process.env[MARKERS_ENV];
  if (!file) return work();
  appendFileSync(file, `start ${now()}\n`);
  try {
    return await work();
  } finally {
    appendFileSync(file, `stop ${now()}\n`);
  }
}
