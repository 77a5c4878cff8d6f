/** Reads the bundled reference data (data/) from disk and builds the name resolvers. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { createReferenceNames, type ReferenceNames } from '../names/index.js';
import { parseCellLineTable, type CellLine } from '../read/entity-recognizer.js';
import { createReader, type Reader } from '../read/reader.js';

/** The package's data/ directory (works from src/ under tsx and from dist/). */
export function bundledDataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'data', 'mirbase'))) return join(dir, 'data');
    dir = resolve(dir, '..');
  }
  throw new Error('bundled data/ directory not found');
}

const read = (dir: string, file: string): string => {
  const bytes = readFileSync(join(dir, file));
  return file.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
};

let cached: ReferenceNames | undefined;

/** The resolvers over the bundled miRBase 22, org.Hs.eg.db 3.16.0 and curated vocabularies (cached). */
export function loadReferenceNames(dir = bundledDataDir()): ReferenceNames {
  if (cached && dir === bundledDataDir()) return cached;
  const names = createReferenceNames({
    mirbase: {
      matureFasta: read(dir, 'mirbase/mature_v22_hsa.fa'),
      hairpinFasta: read(dir, 'mirbase/hairpin_v22_hsa.fa'),
      precursorMap: read(dir, 'mirbase/precursor_to_mature_v22_hsa.tsv'),
      history: read(dir, 'mirbase/accession_name_history_v6_to_v22_hsa.tsv'),
    },
    clusters: read(dir, 'mirna-clusters.tsv'),
    genes: read(dir, 'genes/genes_hsa_orgHsEgDb_3.16.0.tsv.gz'),
    proteinNames: read(dir, 'protein-names.tsv'),
    therapies: read(dir, 'therapies.tsv'),
    pathways: read(dir, 'pathways.tsv'),
  });
  if (dir === bundledDataDir()) cached = names;
  return names;
}

/** The bundled cell-line table (data/cell-lines.tsv) the reader tags as context. */
export function loadCellLines(dir = bundledDataDir()): CellLine[] {
  return parseCellLineTable(read(dir, 'cell-lines.tsv'));
}

/** The reader over the bundled names and cell lines (building its lexicons takes under a second). */
export function loadReader(dir = bundledDataDir()): Reader {
  return createReader(loadReferenceNames(dir), loadCellLines(dir));
}
