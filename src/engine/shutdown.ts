import os from 'node:os';

/**
 * SIGINT and SIGTERM during a run (Ctrl-C, `timeout`, a cancelled CI job). While anything holds the
 * signals (from holdSignals until its release):
 *
 * 1. The first signal interrupts: every holder's `onSignal` runs (measure() kills the benchmarks' process
 *    groups), the benchmarks not yet run are reported "not run: interrupted", and the report is still
 *    built and written, with the notice "interrupted: remaining benchmarks were not run". The CLI then
 *    exits 3, like any run with an errored benchmark: the killed one and those not run are errors.
 * 2. The second is acknowledged on stderr and otherwise ignored. One interruption often arrives twice:
 *    `timeout` signals the command and then its whole process group, and a terminal or a shell signals
 *    the group too. Node's default handling would kill the process here and lose the report.
 * 3. The third exits at once, without the report and without cleaning up (an --ab worktree stays):
 *    exit 128 + the signal's number, 130 for SIGINT, 143 for SIGTERM.
 *
 * Holds nest: the CLI holds from before the run until the process exits, measure() while the benchmarks
 * run. Node's default handling (exit by the signal) returns when the last hold is released, and the count
 * starts again with the next first hold.
 */
const FORCE_AT = 3;
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

interface Hold {
  onSignal?: () => void;
}

const holds = new Set<Hold>();
let received = 0;

/** Holds SIGINT and SIGTERM; `onSignal` runs on each one received. Returns the release (idempotent). */
export function holdSignals(onSignal?: () => void): () => void {
  const hold: Hold = onSignal ? { onSignal } : {};
  if (holds.size === 0) {
    received = 0;
    for (const s of SIGNALS) process.on(s, handle);
  }
  holds.add(hold);
  return () => {
    if (!holds.delete(hold)) return;
    if (holds.size === 0) for (const s of SIGNALS) process.off(s, handle);
  };
}

/** True once a signal arrived during the current holds: nothing more should start. */
export function interrupted(): boolean {
  return received > 0;
}

function handle(signal: NodeJS.Signals): void {
  received++;
  for (const hold of holds) {
    try {
      hold.onSignal?.();
    } catch {
      // A holder's clean-up must not stop the others', nor the exit below.
    }
  }
  if (received === 1) {
    say(`interrupted (${signal}): stopping; the report will still be written`);
  } else if (received < FORCE_AT) {
    say(`${signal} again: still writing the report; a third signal exits without it`);
  } else {
    say(`${signal}, the third signal: exiting without the report`);
    process.exit(128 + (os.constants.signals[signal] ?? 0));
  }
}

function say(message: string): void {
  process.stderr.write(`carbon-gate: ${message}\n`);
}
