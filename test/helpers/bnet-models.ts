/** Test helper: the shared published models (../shared/data/models), read from disk here, outside the pure cores. */
import { readFileSync } from 'node:fs';
import { parseBnet } from '../../src/netsim/formats/bnet-format.js';
import type { LogicalNetwork } from '../../src/netsim/network.js';

/** The shared model folder, relative to the repository root (where vitest runs). */
export const MODELS_DIR = '../shared/data/models';

/** A `.bnet` model under MODELS_DIR (e.g. `emt_mirna/steinway2014_EMT.bnet`); parse problems throw. */
export function loadBnetModel(relativePath: string): LogicalNetwork {
  const path = `${MODELS_DIR}/${relativePath}`;
  const parsed = parseBnet(readFileSync(path, 'utf8'), path);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
  return parsed.value;
}

/** A JSON file under MODELS_DIR. */
export function readModelsJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(`${MODELS_DIR}/${relativePath}`, 'utf8')) as T;
}
