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
  mkdirSync,
  readFileSync,
  writeFileSync,
  type WriteStream,
} from 'node:fs';
import { join } from 'node:path';
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

/** Largest lab-data file read whole (instrument exports are kilobytes to a few megabytes). */
export const MAX_TEXT_FILE_BYTES = 256 * 1024 * 1024;

/** The bytes of a whole small file, refusing directories and oversized files with a clear error. */
function readWholeFile(path: string, what: string): Buffer {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new Error('is a directory');
    if (stat.size > MAX_TEXT_FILE_BYTES)
      throw new Error(`${stat.size} bytes; the limit for a ${what} file is ${MAX_TEXT_FILE_BYTES}`);
    return readFileSync(path);
  } catch (error) {
    throw new ValidationError([
      { file: path, message: `cannot read ${what} file: ${(error as Error).message}` },
    ]);
  }
}

/** A whole small text file (UTF-8), refusing directories, binary files and oversized files with a clear error. */
export function readTextFile(path: string, what = 'input'): { text: string; file: string } {
  return decodeTextBytes(readWholeFile(path, what), path, what);
}

/** Text of a file's bytes (UTF-8, or UTF-16 with a byte-order mark), refusing binary content with `file:line`. */
export function decodeTextBytes(bytes: Buffer, path: string, what = 'input'): { text: string; file: string } {
  const probe = bytes.subarray(0, 8192);
  const nul = probe.indexOf(0);
  if (nul >= 0 && !(probe[0] === 0xff && probe[1] === 0xfe) && !(probe[0] === 0xfe && probe[1] === 0xff)) {
    let line = 1;
    for (let i = probe.indexOf(0x0a); i >= 0 && i < nul; i = probe.indexOf(0x0a, i + 1)) line++;
    throw new ValidationError([
      { file: path, line, message: `binary file (NUL byte), not a text ${what} file` },
    ]);
  }
  // Windows instrument software writes UTF-16 with a byte-order mark (little-endian, rarely big-endian)
  const utf16be = probe[0] === 0xfe && probe[1] === 0xff && bytes.length % 2 === 0;
  const text = utf16be
    ? Buffer.from(bytes).swap16().toString('utf16le')
    : probe[0] === 0xff && probe[1] === 0xfe
      ? bytes.toString('utf16le')
      : bytes.toString('utf8');
  return { text, file: path };
}

/**
 * Writes a set of files into a folder so that a failure leaves nothing behind: everything is written into a
 * temporary sibling folder first, then each file is renamed into place.
 */
export function writeFilesAtomically(dir: string, files: Record<string, string>): string[] {
  const temp = `${dir.replace(/\/+$/, '')}.partial-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  try {
    mkdirSync(temp, { recursive: true });
    for (const [name, content] of Object.entries(files)) writeFileSync(join(temp, name), content);
    mkdirSync(dir, { recursive: true });
    const written: string[] = [];
    for (const name of Object.keys(files)) {
      renameSync(join(temp, name), join(dir, name));
      written.push(join(dir, name));
    }
    return written;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** A whole small binary file (e.g. a zipped RDML export), with the same clear errors as `readTextFile`. */
export function readBinaryFile(path: string, what = 'input'): { bytes: Uint8Array; file: string } {
  return { bytes: new Uint8Array(readWholeFile(path, what)), file: path };
}
