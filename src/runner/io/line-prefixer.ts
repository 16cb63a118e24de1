import type { Writable } from 'node:stream';

/** Writes a child's output line by line with a prefix, holding a partial line until it ends. */
export class LinePrefixer {
  private partial = '';

  constructor(
    private readonly prefix: string,
    private readonly out: Writable,
  ) {}

  write(chunk: Buffer | string): void {
    const text = this.partial + chunk.toString();
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    if (lines.length) this.out.write(lines.map((l) => `${this.prefix}${l}\n`).join(''));
  }

  flush(): void {
    if (this.partial) this.out.write(`${this.prefix}${this.partial}\n`);
    this.partial = '';
  }
}
