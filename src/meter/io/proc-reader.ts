import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Small /proc files read into one reused buffer, for the sampler's hot path (issue 13 §5): no string, no
 * fresh Buffer per read. With `keepOpen` (the real /proc only) a file stays open and is re-read with
 * pread at offset 0, which makes procfs generate it afresh: one system call per file per sample instead
 * of open, fstat, read and close. A kept /proc/<pid>/… file belongs to that process, not to the pid: once
 * it exits, reads fail (ESRCH), so a reused pid is reopened by path, never mistaken for the old process.
 * A fake tree (CARBON_GATE_PROC_ROOT in tests) is opened afresh each time: tests rewrite and remove files.
 */
export class ProcFileReader {
  private buf = Buffer.allocUnsafe(4096);
  private readonly open = new Map<string, number>();

  /** At most `maxOpen` files stay open (processes that left the tree keep theirs until the cap clears all). */
  constructor(private readonly maxOpen = 64) {}

  /** The bytes of the last successful read, from offset 0. */
  get bytes(): Buffer {
    return this.buf;
  }

  /**
   * Reads `path` from its start into `bytes`: its first `limit` bytes, else the whole file (the buffer
   * grows to fit). Returns the length read, or -1 when the file cannot be read.
   */
  read(path: string, keepOpen: boolean, limit?: number): number {
    const kept = keepOpen ? this.open.get(path) : undefined;
    if (kept !== undefined) {
      const n = this.readFd(kept, limit);
      if (n >= 0) return n;
      this.forget(path); // the process ended (or its pid was reused): look the path up again
    }
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      return -1;
    }
    const n = this.readFd(fd, limit);
    if (keepOpen && n >= 0) {
      if (this.open.size >= this.maxOpen) this.closeAll();
      this.open.set(path, fd);
    } else closeSync(fd);
    return n;
  }

  /** How many files are held open now. */
  get openFiles(): number {
    return this.open.size;
  }

  closeAll(): void {
    for (const path of [...this.open.keys()]) this.forget(path);
  }

  private forget(path: string): void {
    const fd = this.open.get(path);
    this.open.delete(path);
    if (fd === undefined) return;
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
  }

  private readFd(fd: number, limit: number | undefined): number {
    try {
      if (limit !== undefined && limit > this.buf.length) this.buf = Buffer.allocUnsafe(limit);
      for (;;) {
        const n = readSync(fd, this.buf, 0, limit ?? this.buf.length, 0);
        if (limit !== undefined || n < this.buf.length) return n;
        this.buf = Buffer.allocUnsafe(this.buf.length * 2); // may be cut short: read it whole again
      }
    } catch {
      return -1;
    }
  }
}
