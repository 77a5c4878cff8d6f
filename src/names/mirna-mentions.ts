/** Expands miRNA lists, clusters and elliptical enumerations (`miR-221/222`, `miR-10b, -21 and -34a`, `miR-106b~25`). */
import type { MirnaModifiers, MirnaResolution, MirnaResolver } from './mirna-resolver.js';
import { parseMirnaName, stripModifiers } from './mirna-resolver.js';
import { cleanText, lookupKey } from './text-normalise.js';

export interface MirnaCluster {
  names: string[];
  precursors: string[];
}

/** Parses data/mirna-clusters.tsv (`names` |-separated, `precursors` ,-separated). */
export function parseClusterTable(text: string): MirnaCluster[] {
  return text
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .slice(1)
    .map((line) => {
      const [names = '', precursors = ''] = line.split('\t');
      return { names: names.split('|'), precursors: precursors.split(',') };
    });
}

export interface MirnaMention {
  /** the piece of text this miRNA came from, with inherited parts filled in (`222` → `miR-222`) */
  text: string;
  resolution: MirnaResolution;
  /** set when the mention expanded a named cluster */
  cluster?: string;
}

const SEPARATORS = /\s*(?:,\s*(?:and|or)\s+|,|;|\s+and\s+|\s+or\s+|\s*&\s*)\s*/i;

/** Resolves text naming one or many miRNAs into one mention per miRNA (families stay families). */
export class MirnaMentionResolver {
  private readonly clusterByKey = new Map<string, MirnaCluster>();

  constructor(
    private readonly resolver: MirnaResolver,
    clusters: MirnaCluster[],
  ) {
    for (const cluster of clusters) {
      for (const name of cluster.names) this.clusterByKey.set(clusterKey(name), cluster);
    }
  }

  /** One mention per miRNA named in `raw`. */
  resolveAll(raw: string): MirnaMention[] {
    const { name: text, modifiers } = stripModifiers(cleanText(raw).replace(/^the\s+/i, ''));
    const whole = this.expandCluster(text, modifiers);
    if (whole) return whole;
    const mentions: MirnaMention[] = [];
    let head = 'miR-';
    let stem = '';
    for (const piece of text.split(SEPARATORS).filter(Boolean)) {
      const cluster = this.expandCluster(piece, modifiers);
      if (cluster) {
        mentions.push(...cluster);
        continue;
      }
      for (const part of splitSlashes(piece)) {
        const full = fillEllipsis(part, head, stem);
        const parsed = parseMirnaName(stripModifiers(full).name);
        if (parsed) {
          head = full.slice(
            0,
            full.length - full.replace(/^.*?(?:miR|mir|MiR|MIR|let|Let|lin)[- ]?/, '').length,
          );
          head = /[- ]$/.test(head) ? head.replace(/ $/, '-') : head + '-';
          stem = parsed.stem + (parsed.copy ? `-${parsed.copy}` : '');
        }
        const resolution = this.resolver.resolve(full);
        mentions.push({ text: full, resolution: withModifiers(resolution, modifiers) });
      }
    }
    return mentions;
  }

  private expandCluster(text: string, modifiers: MirnaModifiers): MirnaMention[] | undefined {
    const cluster = this.clusterByKey.get(clusterKey(text.replace(/\s+(?:cluster|family)$/i, '')));
    if (!cluster) return undefined;
    return cluster.precursors.map((precursor) => ({
      text: precursor,
      cluster: cluster.names[0]!,
      resolution: withModifiers(
        this.resolver.resolve(precursor.replace(/^hsa-mir-/, 'miR-').replace(/^hsa-let-/, 'let-')),
        modifiers,
      ),
    }));
  }
}

const clusterKey = (name: string): string =>
  lookupKey(name.replace(/^(?:hsa-)?(?:micro-?RNA|miRNA|mir|miR)[- ]?/i, 'mir-')).replace(/[~/]/g, '-');

/** `miR-221/222` → [`miR-221`, `222`]; `miR-106b~25` → [`miR-106b`, `25`]; a hyphen stays part of the name. */
function splitSlashes(piece: string): string[] {
  return piece.split(/\s*[/~]\s*/).filter(Boolean);
}

/** Completes an elliptical list item from the previous name: `-21`/`21` → `miR-21`, `c` → `miR-200c`. */
function fillEllipsis(part: string, head: string, stem: string): string {
  if (/^-?\d+[a-z]{0,2}(?:-\d+)?(?:-[35]p)?$/.test(part)) return head + part.replace(/^-/, '');
  if (/^[a-z]$/.test(part) && stem) return head + stem.replace(/[a-z]+(?:-\d+)?$/, '') + part;
  if (/^-?[35]p$/.test(part) && stem) return `${head}${stem}-${part.replace(/^-/, '')}`;
  return part;
}

function withModifiers(resolution: MirnaResolution, modifiers: MirnaModifiers): MirnaResolution {
  return { ...resolution, modifiers: { ...modifiers, ...resolution.modifiers } };
}
