/** Assembles a full store content from the bundled reference data and the curation files. */
import { lookupKey, type ReferenceNames } from '../names/index.js';
import type { Mirna } from '../model/index.js';
import type { Curation } from './curation-loader.js';
import type { StoreContent } from './knowledge-store.js';
import type { NameIndexTable } from './schema.js';
import { mirnaNameRows } from './store-writes.js';

/** The miRNA entity a stored subject name stands for (mature, arm-unknown or family), as the resolver gives it. */
export function mirnaEntity(names: ReferenceNames, name: string): Mirna | undefined {
  const r = names.mirnaMentions.resolveAll(name.replace(/^hsa-/, ''))[0]?.resolution;
  return r?.status === 'resolved' ? r.mirna : undefined;
}

/** The content `miresist kb build` writes: every reference entity, every name, every curated statement. */
export function assembleStoreContent(names: ReferenceNames, curation: Curation): StoreContent {
  const mirnas = new Map<string, Mirna>();
  for (const m of [...names.mirna.allMature(), ...names.mirna.allArmUnknown()]) mirnas.set(m.name, m);
  for (const s of curation.statements) {
    if (s.subject.kind === 'mirna' && !mirnas.has(s.subject.id)) {
      const mirna = mirnaEntity(names, s.subject.id);
      if (mirna) mirnas.set(mirna.name, mirna);
    }
  }
  const index: NameIndexTable[] = [];
  const add = (kind: string, entityId: string, label: string) => {
    const key = lookupKey(label);
    if (key) index.push({ key, label, kind, entity_id: entityId });
  };
  for (const m of mirnas.values()) index.push(...mirnaNameRows(m));
  const genes = [...new Map(names.gene.allSymbols().map((g) => [g.symbol, g])).values()];
  for (const g of genes) {
    add('gene', g.symbol, g.symbol);
    for (const alias of names.gene.namesOf(g.symbol))
      if (alias.toUpperCase() !== g.symbol) add('gene', g.symbol, alias);
  }
  for (const t of names.therapy.all()) {
    add('therapy', t.name, t.name);
    for (const synonym of t.synonyms) add('therapy', t.name, synonym);
  }
  for (const p of names.pathway.all()) {
    add('pathway', p.name, p.name);
    for (const alias of p.aliases) add('pathway', p.name, alias);
  }
  const unique = [...new Map(index.map((row) => [`${row.key}|${row.kind}|${row.entity_id}`, row])).values()];
  return {
    sources: curation.sources,
    statements: curation.statements,
    mirnas: [...mirnas.values()],
    genes,
    therapies: names.therapy.all(),
    pathways: names.pathway.all(),
    names: unique,
    meta: {
      mirbase_release: '22',
      genes_release: 'org.Hs.eg.db 3.16.0',
      curation_rows: String(curation.rows),
    },
  };
}
