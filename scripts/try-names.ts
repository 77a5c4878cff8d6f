import { readFileSync } from 'node:fs';
import { parseMirbase } from '../src/names/mirbase-parser.js';
import { MirnaResolver } from '../src/names/mirna-resolver.js';
import { MirnaMentionResolver, parseClusterTable } from '../src/names/mirna-mentions.js';
const d = '/work/main/data/mirbase/';
const t0 = performance.now();
const data = parseMirbase({
  matureFasta: readFileSync(d + 'mature_v22_hsa.fa', 'utf8'),
  hairpinFasta: readFileSync(d + 'hairpin_v22_hsa.fa', 'utf8'),
  precursorMap: readFileSync(d + 'precursor_to_mature_v22_hsa.tsv', 'utf8'),
  history: readFileSync(d + 'accession_name_history_v6_to_v22_hsa.tsv', 'utf8'),
});
if (!data.ok) throw new Error('x');
const r = new MirnaResolver(data.value);
const m = new MirnaMentionResolver(
  r,
  parseClusterTable(readFileSync('/work/main/data/mirna-clusters.tsv', 'utf8')),
);
console.log('load ms', performance.now() - t0);
for (const s of process.argv.slice(2)) {
  const res = m.resolveAll(s);
  console.log(
    s,
    '=>',
    res
      .map((x) =>
        x.resolution.status === 'resolved'
          ? `${x.resolution.mirna.name}[${x.resolution.mirna.kind}/${x.resolution.form}/${x.resolution.via}] ${x.resolution.notes.join('; ')} ${JSON.stringify(x.resolution.modifiers)}`
          : `${x.resolution.status}: ${x.resolution.reason} cands=${x.resolution.candidates}`,
      )
      .join(' | '),
  );
}
