/**
 * Seconds on CLOCK_MONOTONIC, the clock a benchmark's task markers are stamped with (Python
 * `time.monotonic()`, Node `process.hrtime.bigint()`): readings and markers then share one time line.
 */
export function monotonicS(): number {
  return Number(process.hrtime.bigint()) / 1e9;
}
