/** Pathway and process names (data/pathways.tsv), the objects of `regulates` statements. */
import type { Pathway } from '../model/index.js';
import { closestNames, lookupKey } from './text-normalise.js';

/** Parses data/pathways.tsv (`name aliases description`). */
export function parsePathwayTable(text: string): Pathway[] {
  return text
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .slice(1)
    .map((line) => {
      const [name = '', aliases = '', description = ''] = line.split('\t');
      return { name, aliases: aliases ? aliases.split('|') : [], description };
    });
}

export type PathwayResolution =
  | { status: 'resolved'; input: string; pathway: Pathway }
  | { status: 'unresolved'; input: string; reason: string; candidates: string[] };

/** Resolves pathway names and aliases. */
export class PathwayResolver {
  private readonly byKey = new Map<string, Pathway>();

  constructor(private readonly pathways: Pathway[]) {
    for (const pathway of pathways) {
      for (const name of [pathway.name, ...pathway.aliases]) {
        if (!this.byKey.has(lookupKey(name))) this.byKey.set(lookupKey(name), pathway);
      }
    }
  }

  all(): Pathway[] {
    return [...this.pathways];
  }

  resolve(raw: string): PathwayResolution {
    const text = raw.replace(/^pathway:/, '');
    const pathway = this.byKey.get(lookupKey(text));
    if (pathway) return { status: 'resolved', input: raw, pathway };
    return {
      status: 'unresolved',
      input: raw,
      reason: `no pathway named '${text}' in data/pathways.tsv`,
      candidates: closestNames(
        text,
        this.pathways.map((p) => p.name),
        5,
        4,
      ),
    };
  }
}
