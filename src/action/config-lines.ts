import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';

/** The 1-based line of each benchmark's `name:` in the config text, for annotations on the right line. */
export function benchmarkLines(text: string): Map<string, number> {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const lines = new Map<string, number>();
  const list = isMap(doc.contents) ? doc.contents.get('benchmarks', true) : undefined;
  if (!isSeq(list)) return lines;
  for (const item of list.items) {
    if (!isMap(item)) continue;
    const pair = item.items.find((p) => (p.key as { value?: unknown } | null)?.value === 'name');
    const value = pair?.value as { value?: unknown; range?: [number, number, number] } | undefined;
    if (typeof value?.value === 'string' && value.range)
      lines.set(value.value, counter.linePos(value.range[0]).line);
  }
  return lines;
}
