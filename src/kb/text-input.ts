/** Reading users' text files: plain or gzip (detected by magic bytes), line by line, with precise errors. */
import {
  createReadStream,
  openSync,
  readSync,
  closeSync,
  statSync,
  renameSync,
  rmSync,
  createWriteStream,
  type WriteStream,
} from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { ValidationError } from '../model/index.js';

function isGzip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

export interface LineSource {
  lines: AsyncIterable<string>;
  /** compressed bytes read so far, for progress */
  bytesRead(): number;
  size: number;
}

/** Lines of a plain or gzipped file; a truncated or corrupt gzip stream is an error naming the file and line. */
export function readLines(path: string): LineSource {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new Error('is a directory');
    size = stat.size;
  } catch (error) {
    throw new ValidationError([{ file: path, message: `cannot read: ${(error as Error).message}` }]);
  }
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const gz = isGzip(path);
  const stream = gz ? raw.pipe(createGunzip()) : raw;
  let failure: Error | undefined;
  raw.on('error', (e) => (failure = e));
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  if (gz) {
    stream.on('error', (e) => {
      failure = e;
      reader.close();
    });
  }
  async function* lines(): AsyncGenerator<string> {
    let number = 0;
    try {
      for await (const line of reader) {
        number++;
        yield line;
      }
    } catch (error) {
      failure = error as Error;
    }
    if (failure) {
      const what = /unexpected end of file/i.test(failure.message)
        ? 'truncated gzip file'
        : `unreadable (${failure.message})`;
      throw new ValidationError([
        { file: path, line: number + 1, message: `${what}: input ends after line ${number}` },
      ]);
    }
  }
  return { lines: lines(), bytesRead: () => raw.bytesRead, size };
}

/** A file written atomically: content goes to a temporary file renamed into place only by `commit()`. */
export class AtomicOutput {
  private readonly temp: string;
  readonly stream: WriteStream;

  private failure: Error | undefined;
  private aborted = false;

  constructor(readonly path: string) {
    this.temp = `${path}.partial-${process.pid}`;
    this.stream = createWriteStream(this.temp);
    this.stream.on('error', (error) => {
      if (!this.aborted) this.failure = error;
    });
  }

  async write(chunk: string): Promise<void> {
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async commit(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
    if (this.failure) throw this.failure;
    renameSync(this.temp, this.path);
  }

  /** Removes the partial file: a failed run leaves no output. */
  async abort(): Promise<void> {
    this.aborted = true;
    if (!this.stream.writableFinished && !this.stream.destroyed) {
      await new Promise<void>((resolve) => this.stream.end(() => resolve()));
    }
    rmSync(this.temp, { force: true });
  }
}
