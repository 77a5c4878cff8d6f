/** The model-file formats netsim reads and writes (a registry: variation between formats is real). */
import type { Result } from '../../model/index.js';
import type { LogicalNetwork } from '../network.js';
import { formatBnet, parseBnet } from './bnet-format.js';
import { parseGinml, parseZginml } from './ginml-format.js';
import { formatNetworkAsBnd, networkToMaboss, parseMabossBnd } from './maboss-format.js';
import { formatSbmlQual, parseSbmlQual } from './sbml-qual-format.js';

export interface ModelFormat {
  id: string;
  /** file-name endings, lower case, with the dot */
  extensions: string[];
  /** true when the file is binary (a zip): the reader passes bytes, not text */
  isBinary: boolean;
  /** true when the format can only hold Boolean networks (every node at levels 0/1) */
  isBooleanOnly?: boolean;
  parse(content: string | Uint8Array, file: string): Result<LogicalNetwork>;
  /** absent for import-only formats */
  format?(net: LogicalNetwork): string;
  /** files written beside the main one, by ending (MaBoSS: the .cfg with istates and rates' parameters) */
  companions?(net: LogicalNetwork): Record<string, string>;
}

const asText = (content: string | Uint8Array): string =>
  typeof content === 'string' ? content : new TextDecoder().decode(content);

export const MODEL_FORMATS: ModelFormat[] = [
  {
    id: 'bnet',
    extensions: ['.bnet'],
    isBinary: false,
    isBooleanOnly: true,
    parse: (content, file) => parseBnet(asText(content), file),
    format: formatBnet,
  },
  {
    id: 'sbml',
    extensions: ['.sbml', '.xml'],
    isBinary: false,
    parse: (content, file) => parseSbmlQual(asText(content), file),
    format: formatSbmlQual,
  },
  {
    id: 'zginml',
    extensions: ['.zginml'],
    isBinary: true,
    parse: (content, file) =>
      parseZginml(typeof content === 'string' ? new TextEncoder().encode(content) : content, file),
  },
  {
    id: 'ginml',
    extensions: ['.ginml'],
    isBinary: false,
    parse: (content, file) => parseGinml(asText(content), file),
  },
  {
    id: 'maboss',
    extensions: ['.bnd'],
    isBinary: false,
    isBooleanOnly: true,
    parse: (content, file) => parseMabossBnd(asText(content), file),
    format: formatNetworkAsBnd,
    companions: (net) => ({ '.cfg': networkToMaboss(net).cfg }),
  },
];

/** The format of a file, by its name's ending. */
export function formatForPath(path: string): ModelFormat | undefined {
  const lower = path.toLowerCase();
  return MODEL_FORMATS.find((f) => f.extensions.some((e) => lower.endsWith(e)));
}
