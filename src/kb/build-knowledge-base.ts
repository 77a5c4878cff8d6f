/** `kb build`: reference data + curation → a new store, all or nothing. */
import { ValidationError } from '../model/index.js';
import { loadCurationDir } from './curation-loader.js';
import { assembleStoreContent } from './kb-builder.js';
import { KnowledgeStore, type StoreConfig } from './knowledge-store.js';
import { bundledDataDir, loadReferenceNames } from './reference-data.js';
import { join } from 'node:path';

export interface BuildReport {
  sources: number;
  rows: number;
  statements: number;
  evidence: number;
  mirnas: number;
  genes: number;
  names: number;
  milliseconds: number;
}

export type BuildStage = 'reference data' | 'curation' | 'assemble' | 'write store';

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
  const content = assembleStoreContent(names, curation.value);
  stage('write store', 3);
  await KnowledgeStore.build(config, content);
  return {
    sources: content.sources.length,
    rows: curation.value.rows,
    statements: content.statements.length,
    evidence: content.statements.reduce((n, s) => n + s.evidence.length, 0),
    mirnas: content.mirnas.length,
    genes: content.genes.length,
    names: content.names.length,
    milliseconds: Math.round(performance.now() - started),
  };
}
