/** Where a command writes: stdout, or a file written atomically (no partial file on failure). */
import { once } from 'node:events';
import { AtomicOutput } from '../kb/text-input.js';

export interface OutputSink {
  write(text: string): Promise<void>;
  /** finishes the file (renames it into place); no-op for stdout */
  commit(): Promise<void>;
  /** removes the partial file; no-op for stdout */
  abort(): Promise<void>;
}

export function outputSink(path?: string): OutputSink {
  if (path) {
    const file = new AtomicOutput(path);
    return { write: (text) => file.write(text), commit: () => file.commit(), abort: () => file.abort() };
  }
  return {
    write: async (text) => {
      if (!process.stdout.write(text)) await once(process.stdout, 'drain');
    },
    commit: async () => undefined,
    abort: async () => undefined,
  };
}
