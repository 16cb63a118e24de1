import { Writable } from 'node:stream';

/** A Writable that keeps what is written, for asserting on streamed output. */
export function collector(): Writable & { text(): string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return Object.assign(w, { text: () => chunks.join('') });
}
