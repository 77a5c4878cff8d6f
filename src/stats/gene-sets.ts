/** Gene sets for over-representation analysis (data/pathway-gene-sets.tsv and users' own files, same format). */
export interface GeneSet {
  name: string;
  source: string;
  genes: string[];
}

/** Parses `set<TAB>source<TAB>gene,gene,…` (first non-comment row is the header). */
export function parseGeneSets(text: string, file: string): { sets: GeneSet[]; problems: string[] } {
  const sets: GeneSet[] = [];
  const problems: string[] = [];
  let header = true;
  text.split('\n').forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    if (header) {
      header = false;
      return;
    }
    const [name = '', source = '', genes = ''] = line.split('\t');
    const list = genes
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean);
    if (!name || !list.length)
      problems.push(`${file}:${i + 1}: set: expected set<TAB>source<TAB>gene,gene,…`);
    else if (sets.some((s) => s.name === name))
      problems.push(`${file}:${i + 1}: set: duplicated set '${name}'`);
    else sets.push({ name, source, genes: [...new Set(list)] });
  });
  return { sets, problems };
}
