/**
 * Derives the bundled reference data in data/ from the shared reference sets (../shared/data):
 * miRBase 22 human mature/hairpin FASTA, the human precursor↔mature map and name history,
 * and the human protein-coding + ncRNA genes of org.Hs.eg.db 3.16.0 with their aliases.
 * Run once by a maintainer: `npx tsx scripts/bundle-reference-data.ts [shared-data-dir]`.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

const shared = process.argv[2] ?? '../shared/data';
const out = 'data';
const gunzipLines = (path: string): string[] => gunzipSync(readFileSync(path)).toString('utf8').split('\n');

copyFileSync(join(shared, 'mirbase/mature_v22_hsa.fa'), join(out, 'mirbase/mature_v22_hsa.fa'));
copyFileSync(join(shared, 'mirbase/hairpin_v22_hsa.fa'), join(out, 'mirbase/hairpin_v22_hsa.fa'));

const p2m = gunzipLines(join(shared, 'mirbase/precursor_to_mature_v22.tsv.gz'));
const p2mHuman = [p2m[0], ...p2m.slice(1).filter((line) => line.endsWith('\thsa'))];
writeFileSync(join(out, 'mirbase/precursor_to_mature_v22_hsa.tsv'), p2mHuman.join('\n') + '\n');

const history = gunzipLines(join(shared, 'mirbase/accession_name_history_v6_to_v22.tsv.gz'));
const historyHuman = [
  history[0],
  ...history.slice(1).filter((line) => /\bhsa-/.test(line.split('\t')[1] ?? '')),
];
writeFileSync(join(out, 'mirbase/accession_name_history_v6_to_v22_hsa.tsv'), historyHuman.join('\n') + '\n');

const keepTypes = new Set(['protein-coding', 'ncRNA']);
const genes = gunzipLines(join(shared, 'genes/orgHsEgDb_3.16.0_genes.tsv.gz'));
const kept = new Set<string>();
const geneRows = [genes[0]!.split('\t').slice(0, 5).join('\t')];
for (const line of genes.slice(1)) {
  const cols = line.split('\t');
  if (cols.length < 5 || !keepTypes.has(cols[3]!)) continue;
  kept.add(cols[1]!);
  geneRows.push(cols.slice(0, 5).join('\t'));
}
writeFileSync(
  join(out, 'genes/genes_hsa_orgHsEgDb_3.16.0.tsv.gz'),
  gzipSync(geneRows.join('\n') + '\n', { level: 9 }),
);
console.log(
  `mirbase: ${p2mHuman.length - 1} precursors, ${historyHuman.length - 1} history rows; genes: ${kept.size}`,
);
