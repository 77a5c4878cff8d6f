/** Users' UTR sets in the store and the seed sites (`has_site`) predicted in them for the curated miRNAs. */
import { UnresolvedNameError, type Mirna, type Statement } from '../model/index.js';
import type { ReferenceNames } from '../names/index.js';
import { plainScanner, type PlainMirna, type PlainUtr } from '../seq/plain-scan.js';
import type { PredictedSiteTable, UtrTable } from './schema.js';

export interface UtrSetContent {
  utrs: UtrTable[];
  sites: PredictedSiteTable[];
  unmapped: number;
}

/** The mature products of every miRNA that curated statements are about: the miRNAs whose sites are stored. */
export function curatedMatureMirnas(
  names: ReferenceNames,
  statements: Statement[],
  mirnas: Mirna[],
): PlainMirna[] {
  const byName = new Map(mirnas.map((m) => [m.name, m]));
  const out = new Map<string, PlainMirna>();
  for (const s of statements) {
    if (s.subject.kind !== 'mirna') continue;
    for (const member of byName.get(s.subject.id)?.members ?? []) {
      const mature = names.mirna.mature(member);
      if (mature?.sequence) out.set(mature.name, { name: mature.name, sequence: mature.sequence });
    }
  }
  return [...out.values()];
}

/** The gene symbol a UTR id names (its first `|`- or space-separated field), or undefined when not exactly one. */
export function utrGene(names: ReferenceNames, utrId: string): string | undefined {
  const r = names.gene.resolve(utrId.split(/[|\s]/)[0]!);
  return r.status === 'resolved' && r.genes.length === 1 ? r.gene.symbol : undefined;
}

/** Maps UTR ids to gene symbols and predicts the sites of `mirnas` in them. */
export async function predictUtrSet(
  names: ReferenceNames,
  source: string,
  utrs: AsyncIterable<PlainUtr> | Iterable<PlainUtr>,
  mirnas: PlainMirna[],
): Promise<UtrSetContent> {
  const scan = mirnas.length ? plainScanner(mirnas) : () => [];
  const out: UtrSetContent = { utrs: [], sites: [], unmapped: 0 };
  for await (const utr of utrs) {
    const gene = utrGene(names, utr.id);
    if (!gene) {
      out.unmapped++;
      continue;
    }
    out.utrs.push({ source, utr_id: utr.id, gene, sequence: utr.sequence });
    for (const site of scan(utr)) {
      out.sites.push({
        mirna: site.mirna,
        gene,
        site_type: site.siteType,
        utr_start: site.start,
        utr_end: site.end,
        source,
        utr_id: utr.id,
      });
    }
  }
  return out;
}

/** The mature sequences miRNA names stand for (`miR-21` → both arms, each named; miRBase 22.1), in order. */
export function matureSequences(names: ReferenceNames, inputs: readonly string[]): PlainMirna[] {
  const out: PlainMirna[] = [];
  for (const input of inputs)
    for (const mention of names.mirnaMentions.resolveAll(input)) {
      const r = mention.resolution;
      if (r.status !== 'resolved')
        throw new UnresolvedNameError(mention.text, 'miRNA', r.candidates, r.reason);
      for (const member of r.mirna.members) {
        const mature = names.mirna.mature(member);
        if (mature?.sequence && !out.some((m) => m.name === mature.name))
          out.push({ name: mature.name, sequence: mature.sequence });
      }
    }
  return out;
}
