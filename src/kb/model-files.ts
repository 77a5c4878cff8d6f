/** Reads and writes logical-model files in any format of the netsim registry (the I/O edge of netsim). */
import { readFile } from 'node:fs/promises';
import { ValidationError } from '../model/index.js';
import { formatForPath, MODEL_FORMATS, type LogicalNetwork, type ModelFormat } from '../netsim/index.js';

/** The registered format of a path, or a ValidationError listing the known endings. */
export function modelFormatOf(path: string): ModelFormat {
  const format = formatForPath(path);
  if (!format)
    throw new ValidationError([
      {
        file: path,
        message: `unknown model format; expected one of ${MODEL_FORMATS.flatMap((f) => f.extensions).join(', ')}`,
      },
    ]);
  return format;
}

/** Reads a model file; parse problems become a ValidationError naming file, line and field. */
export async function readModelFile(path: string): Promise<LogicalNetwork> {
  const format = modelFormatOf(path);
  let content: string | Uint8Array;
  try {
    content = format.isBinary ? new Uint8Array(await readFile(path)) : await readFile(path, 'utf8');
  } catch (error) {
    throw new ValidationError([{ file: path, message: `cannot read: ${(error as Error).message}` }]);
  }
  const parsed = format.parse(content, path);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  return parsed.value;
}
