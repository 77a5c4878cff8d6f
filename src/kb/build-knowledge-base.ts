/** `kb build`: reference data + curation → a new store, all or nothing. */
import { StoreError, ValidationError } from '../model/index.js';
import { loadCurationDir } from './curation-loader.js';
import { assembleStoreContent } from './kb-builder.js';
import { KnowledgeStore, type StoreConfig } from './knowledge-store.js';
import { bundledDataDir, loadReferenceNames } from './reference-data.js';
import { join } from 'node:path';
import type { UtrTable } from './schema.js';
import { mergeAcceptedProposals, type ProposalRow } from './curation-queue.js';
import { curatedMatureMirnas, predictUtrSet } from './utr-sites.js';

export interface BuildReport {
  sources: number;
  rows: number;
  /** queued proposals carried over, and how many of them are accepted (merged into the statements) */
  proposals: number;
  acceptedProposals: number;
  statements: number;
  evidence: number;
  mirnas: number;
  genes: number;
  names: number;
  milliseconds: number;
}

export type BuildStage = 'reference data' | 'curation' | 'assemble' | 'write store';

/** What a rebuild keeps of the current store, if there is a readable one: loaded UTR sets and the curation queue. */
async function carriedState(config: StoreConfig): Promise<{ utrs: UtrTable[]; proposals: ProposalRow[] }> {
  // only a first build starts empty: a store that exists but cannot be read would lose its queue, so the build stops
  if (!(await KnowledgeStore.exists(config))) return { utrs: [], proposals: [] };
  let store: KnowledgeStore | undefined;
  try {
    store = await KnowledgeStore.open(config);
    return { utrs: await store.utrs(), proposals: await store.proposalRows() };
  } catch (error) {
    throw new StoreError(
      `cannot read the current store's UTR sets and curation queue to carry them into the new build (${(error as Error).message}); nothing was changed`,
    );
  } finally {
    await store?.close();
  }
}

/** The bundled curation directory (data/curation). */
export const bundledCurationDir = (): string => join(bundledDataDir(), 'curation');

/** Validates all curation and writes a new store; throws ValidationError (nothing written) on any bad row. */
export async function buildKnowledgeBase(
  config: StoreConfig,
  options: { curationDir?: string; onStage?: (stage: BuildStage, index: number) => void } = {},
): Promise<BuildReport> {
  const started = performance.now();
  const stage = (name: BuildStage, index: number) => options.onStage?.(name, index);
  stage('reference data', 0);
  const names = loadReferenceNames();
  stage('curation', 1);
  const curation = loadCurationDir(options.curationDir ?? bundledCurationDir(), names);
  if (!curation.ok) throw new ValidationError(curation.issues);
  stage('assemble', 2);
  const carriedStore = await carriedState(config);
  // accepted proposals are curated statements too: they merge into this build's statements like curation rows
  const merged = mergeAcceptedProposals(curation.value, carriedStore.proposals);
  const content = assembleStoreContent(names, merged.curation);
  content.proposals = carriedStore.proposals;
  content.curation = merged.curators;
  const carried = carriedStore.utrs;
  if (carried.length) {
    // loaded UTR sets survive a rebuild; their sites are predicted again for this build's curated miRNAs
    const mirnas = curatedMatureMirnas(names, content.statements, content.mirnas);
    content.utrs = [];
    content.sites = [];
    for (const source of [...new Set(carried.map((u) => u.source))]) {
      const set = carried
        .filter((u) => u.source === source)
        .map((u) => ({ id: u.utr_id, sequence: u.sequence }));
      const predicted = await predictUtrSet(names, source, set, mirnas);
      content.utrs.push(...predicted.utrs);
      content.sites.push(...predicted.sites);
    }
  }
  stage('write store', 3);
  await KnowledgeStore.build(config, content);
  return {
    sources: content.sources.length,
    rows: curation.value.rows,
    proposals: carriedStore.proposals.length,
    acceptedProposals: carriedStore.proposals.filter((p) => p.status === 'accepted').length,
    statements: content.statements.length,
    evidence: content.statements.reduce((n, s) => n + s.evidence.length, 0),
    mirnas: content.mirnas.length,
    genes: content.genes.length,
    names: content.names.length,
    milliseconds: Math.round(performance.now() - started),
  };
}
