import {
  pairWindows,
  parseMarkerLine,
  windowSpans,
  type Marker,
  type MarkerLine,
  type SeriesPoint,
  type Span,
} from './task-window.js';
import type { TaskFigures } from './types.js';

/** The markers of one run as they arrive, and the first problem with them (which voids them all). */
export class TaskMarkers {
  readonly markers: Marker[] = [];
  problem: string | null = null;
  private lineNo = 0;

  constructor(private readonly runStartS: number) {}

  /** Parses lines read together; true when they held a marker (the caller takes a reading). */
  add(lines: readonly MarkerLine[]): boolean {
    let found = false;
    for (const line of lines) {
      const parsed = parseMarkerLine(line, ++this.lineNo, this.runStartS);
      if (parsed === null) continue;
      if ('problem' in parsed) this.void(parsed.problem);
      else {
        this.markers.push(parsed);
        found = true;
      }
    }
    return found && this.problem === null;
  }

  void(problem: string): void {
    this.problem ??= problem;
  }
}

const WARNING = (problem: string) =>
  `task window ignored (markers file: ${problem}): the whole run is reported and judged`;

/**
 * The marked windows' figures from the session's readings; nothing when the benchmark marked none, a
 * warning when its markers could not be used.
 */
export function taskFigures(
  markers: TaskMarkers,
  series: readonly SeriesPoint[],
  attribute: (span: Span) => number,
): { figures?: TaskFigures } | { warning: string } {
  if (markers.problem !== null) return { warning: WARNING(markers.problem) };
  if (!markers.markers.length) return {};
  const paired = pairWindows(markers.markers);
  if ('problem' in paired) return { warning: WARNING(paired.problem) };
  const spans = windowSpans(series, paired.windows);
  const sum = (pick: (s: Span) => number) => spans.reduce((a, s) => a + pick(s), 0);
  return {
    figures: {
      energyJ: sum((s) => s.energyJ),
      durationS: sum((s) => s.durationS),
      processCpuS: sum((s) => s.treeCpuS),
      attributedJ: sum(attribute),
      windows: spans.length,
    },
  };
}
