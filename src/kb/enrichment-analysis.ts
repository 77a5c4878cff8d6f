/** `miresist enrich`: over-representation of a miRNA set's curated or predicted targets in resistance gene sets. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '../model/index.js';
import type { ReferenceNames } from '../names/index.js';
import { plainScanner, type PlainMirna, type PlainUtr } from '../seq/plain-scan.js';
import { benjaminiHochberg, overRepresentation, type OraResult } from '../stats/enrichment.js';
import { parseGeneSets, type GeneSet } from '../stats/gene-sets.js';
import type { KnowledgeStore } from './knowledge-store.js';
import { mirnaReport } from './knowledge-queries.js';
import { bundledDataDir } from './reference-data.js';
import { utrGene } from './utr-sites.js';

export interface EnrichmentRow extends OraResult {
  set: string;
  source: string;
  q: number;
  overlap: string[];
}

export interface EnrichmentReport {
  mirnas: string[];
  source: 'curated' | 'predicted';
  universe: number;
  targets: string[];
  rows: EnrichmentRow[];
  notes: string[];
}

/** The bundled resistance pathway sets, or a user's file in the same format. */
export function loadGeneSets(path = join(bundledDataDir(), 'pathway-gene-sets.tsv')): GeneSet[] {
  const { sets, problems } = parseGeneSets(readFileSync(path, 'utf8'), path);
  if (problems.length) throw new ValidationError(problems.map((message) => ({ message })));
  return sets;
}

/** Tests every set with at least one member in the universe; BH over the tested sets. */
function analyse(
  sets: GeneSet[],
  targets: Set<string>,
  universe: Set<string>,
): { rows: EnrichmentRow[]; untested: string[] } {
  const inUniverse = [...targets].filter((g) => universe.has(g));
  const all = sets.map((set) => {
    const members = set.genes.filter((g) => universe.has(g));
    const overlap = members.filter((g) => targets.has(g)).sort();
    return { set, members, overlap };
  });
  const rows = all.filter((r) => r.members.length > 0);
  const untested = all.filter((r) => r.members.length === 0).map((r) => r.set.name);
  const results = rows.map(({ members, overlap }) =>
    overRepresentation({ N: universe.size, K: members.length, n: inUniverse.length, x: overlap.length }),
  );
  const q = benjaminiHochberg(results.map((r) => r.pUpper));
  return {
    rows: results.map((r, i) => ({
      ...r,
      set: rows[i]!.set.name,
      source: rows[i]!.set.source,
      q: q[i]!,
      overlap: rows[i]!.overlap,
    })),
    untested,
  };
}

/** The report: tested sets, and the untested ones named first among the notes. */
function report(
  source: EnrichmentReport['source'],
  mirnas: string[],
  sets: GeneSet[],
  targets: Set<string>,
  universe: Set<string>,
  notes: string[],
): EnrichmentReport {
  const { rows, untested } = analyse(sets, targets, universe);
  const untestedNote = untested.length
    ? [`not tested (no member in the universe): ${untested.join(', ')}`]
    : [];
  return {
    mirnas,
    source,
    universe: universe.size,
    targets: [...targets].sort(),
    rows,
    notes: [...untestedNote, ...notes],
  };
}

/** Curated targets (`targets` statements, including those of arm-unknown names and families) vs protein-coding genes. */
export async function curatedEnrichment(
  store: KnowledgeStore,
  names: ReferenceNames,
  queries: string[],
  sets: GeneSet[],
): Promise<EnrichmentReport> {
  const targets = new Set<string>();
  const mirnas: string[] = [];
  for (const query of queries) {
    const report = await mirnaReport(store, names, query);
    mirnas.push(report.mirna.name);
    for (const s of report.targets) targets.add(s.object.id);
  }
  const universe = new Set(names.gene.proteinCodingSymbols());
  return report('curated', mirnas, sets, targets, universe, [
    'universe: all protein-coding genes (org.Hs.eg.db 3.16.0); curated targets come from the knowledge graph and reflect what the literature studied (pathway genes are studied more often), so enrichment of curated targets is descriptive',
  ]);
}

/** Predicted targets: genes whose UTRs hold a site of the chosen types; universe = genes with a UTR in the file. */
export async function predictedEnrichment(
  names: ReferenceNames,
  mirnas: PlainMirna[],
  utrs: AsyncIterable<PlainUtr>,
  sets: GeneSet[],
  siteTypes: string[],
): Promise<EnrichmentReport> {
  const scan = plainScanner(mirnas);
  const universe = new Set<string>();
  const targets = new Set<string>();
  const length = new Map<string, number>();
  let unmapped = 0;
  for await (const utr of utrs) {
    const symbol = utrGene(names, utr.id);
    if (!symbol) {
      unmapped++;
      continue;
    }
    universe.add(symbol);
    length.set(symbol, (length.get(symbol) ?? 0) + utr.sequence.length);
    if (scan(utr).some((s) => siteTypes.includes(s.siteType))) targets.add(symbol);
  }
  if (!universe.size)
    throw new ValidationError([
      {
        field: '--utrs',
        message: 'no UTR id resolves to a gene symbol: ids must be gene symbols or aliases',
      },
    ]);
  const meanLength = (genes: Iterable<string>) => {
    const list = [...genes];
    return list.length ? Math.round(list.reduce((sum, g) => sum + length.get(g)!, 0) / list.length) : 0;
  };
  return report(
    'predicted',
    mirnas.map((m) => m.name),
    sets,
    targets,
    universe,
    [
      `3'UTR length bias: longer UTRs hold more seed matches by chance (mean UTR length of predicted targets ${meanLength(targets)} nt vs ${meanLength(universe)} nt in the universe), so sets of long-UTR genes can look enriched; treat p-values as a ranking, or compare with length-matched background (Young et al. 2010, Genome Biol 11:R14)`,
      `universe: ${universe.size} genes with a UTR in the file${unmapped ? `; ${unmapped} UTR ids did not resolve to one gene symbol and were left out` : ''}; site types counted: ${siteTypes.join(', ')}`,
    ],
  );
}
