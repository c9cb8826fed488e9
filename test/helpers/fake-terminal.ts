import {EventEmitter} from 'node:events';

/**
 * Stands in for a TTY stdin: every `write` is one chunk, read by Ink in one `read()` exactly as
 * a burst of keys or a paste arrives from a real terminal.
 */
export class FakeStdin extends EventEmitter {
  isTTY: boolean;
  isRaw = false;
  private readonly chunks: string[] = [];

  constructor(isTTY = true) {
    super();
    this.isTTY = isTTY;
  }

  write(chunk: string): void {
    this.chunks.push(chunk);
    this.emit('readable');
  }

  read(): string | null {
    return this.chunks.shift() ?? null;
  }

  /** True once an input owner (`useInput`) is mounted and listening. */
  get listening(): boolean {
    return this.listenerCount('readable') > 0;
  }

  setRawMode(mode: boolean): this {
    this.isRaw = mode;
    return this;
  }

  setEncoding(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  resume(): this {
    return this;
  }

  pause(): this {
    return this;
  }
}

/** Stands in for stdout (or stderr) and keeps every frame Ink writes. */
export class FakeStdout extends EventEmitter {
  readonly frames: string[] = [];
  isTTY = true;
  columns: number;
  rows: number | undefined;

  constructor(columns = 80, rows?: number) {
    super();
    this.columns = columns;
    this.rows = rows;
  }

  write(frame: string): boolean {
    // With CI set, Ink writes a lone newline on unmount; it is not a frame.
    if (frame !== '\n') this.frames.push(frame);
    return true;
  }

  /** Resizes the terminal the way a real one does: new size, then a `resize` event. */
  resize(columns: number, rows?: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}
