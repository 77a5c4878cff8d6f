/**
 * Gene grounding to HGNC symbols: NCBI Gene (org.Hs.eg.db 3.16.0) symbols and aliases, plus curated protein names
 * (data/protein-names.tsv) that take precedence over ambiguous alias symbols.
 */
import type { Gene } from '../model/index.js';
import { closestNames, lookupKey } from './text-normalise.js';

export interface GeneRecord {
  entrezId: string;
  symbol: string;
  name: string;
  type: string;
  aliases: string[];
}

export type GeneResolution =
  | {
      status: 'resolved';
      input: string;
      /** the first (or only) gene; protein-family names (ERK, AKT) resolve to all `genes` */
      gene: Gene;
      genes: Gene[];
      via: 'symbol' | 'protein-name' | 'alias';
    }
  | { status: 'ambiguous' | 'unresolved'; input: string; reason: string; candidates: string[] };

/** Parses the bundled genes table (`entrez_id symbol gene_name gene_type aliases`). */
export function parseGeneTable(text: string): GeneRecord[] {
  return text
    .split('\n')
    .slice(1)
    .filter((line) => line.trim())
    .map((line) => {
      const [entrezId = '', symbol = '', name = '', type = '', aliases = ''] = line.split('\t');
      return { entrezId, symbol, name, type, aliases: aliases ? aliases.split('|') : [] };
    });
}

/** Parses data/protein-names.tsv (`name symbol`). */
export function parseProteinNames(text: string): { name: string; symbol: string }[] {
  return text
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .slice(1)
    .map((line) => {
      const [name = '', symbol = ''] = line.split('\t');
      return { name, symbol };
    });
}

/** Resolves gene symbols, aliases and protein names to HGNC symbols. */
export class GeneResolver {
  private readonly bySymbol = new Map<string, GeneRecord>();
  private readonly bySymbolKey = new Map<string, GeneRecord>();
  private readonly byProteinName = new Map<string, string[]>();
  private readonly byAlias = new Map<string, GeneRecord[]>();
  private readonly proteinLabels = new Map<string, string[]>();
  private readonly proteinNameLabels = new Map<string, string>();

  constructor(genes: GeneRecord[], proteinNames: { name: string; symbol: string }[]) {
    for (const gene of genes) {
      this.bySymbol.set(gene.symbol.toUpperCase(), gene);
      if (!this.bySymbolKey.has(lookupKey(gene.symbol))) this.bySymbolKey.set(lookupKey(gene.symbol), gene);
    }
    for (const gene of genes) {
      for (const alias of gene.aliases) {
        const list = this.byAlias.get(lookupKey(alias)) ?? [];
        if (!list.includes(gene)) list.push(gene);
        this.byAlias.set(lookupKey(alias), list);
      }
    }
    for (const { name, symbol } of proteinNames) {
      const symbols = symbol.split('|').map((s) => s.toUpperCase());
      const unknown = symbols.find((s) => !this.bySymbol.has(s));
      if (unknown) throw new Error(`protein name '${name}': unknown symbol ${unknown}`);
      this.byProteinName.set(lookupKey(name), symbols);
      this.proteinNameLabels.set(lookupKey(name), name);
      if (symbols.length === 1)
        this.proteinLabels.set(symbols[0]!, [...(this.proteinLabels.get(symbols[0]!) ?? []), name]);
    }
  }

  /** Every bundled gene. */
  allSymbols(): Gene[] {
    return [...this.bySymbol.values()].map(toGene);
  }

  /** Symbols of all protein-coding genes (the default universe for curated-target enrichment). */
  proteinCodingSymbols(): string[] {
    return [...this.bySymbol.values()].filter((g) => g.type === 'protein-coding').map((g) => g.symbol);
  }

  /**
   * Every name text could use for a protein-coding gene, for dictionary taggers: official symbols, aliases that
   * resolve to that gene alone, full gene names and curated protein names (families list all their members).
   */
  *lexicon(): Generator<{
    name: string;
    symbols: string[];
    via: 'symbol' | 'alias' | 'full-name' | 'protein-name';
  }> {
    for (const gene of this.bySymbol.values()) {
      if (gene.type !== 'protein-coding') continue;
      yield { name: gene.symbol, symbols: [gene.symbol], via: 'symbol' };
      if (gene.name) yield { name: gene.name, symbols: [gene.symbol], via: 'full-name' };
      for (const alias of gene.aliases) {
        const r = this.resolve(alias);
        if (r.status === 'resolved' && r.via === 'alias' && r.gene.symbol === gene.symbol)
          yield { name: alias, symbols: [gene.symbol], via: 'alias' };
      }
    }
    for (const [key, symbols] of this.byProteinName) {
      const label = this.proteinNameLabels.get(key) ?? key;
      yield { name: label, symbols, via: 'protein-name' };
    }
  }

  /** The gene with this exact official symbol. */
  get(symbol: string): Gene | undefined {
    const record = this.bySymbol.get(symbol.toUpperCase());
    return record ? toGene(record) : undefined;
  }

  /** Every protein name and alias that resolves uniquely to a gene, for search indexes. */
  namesOf(symbol: string): string[] {
    const record = this.bySymbol.get(symbol.toUpperCase());
    if (!record) return [];
    const protein = this.proteinLabels.get(record.symbol) ?? [];
    return [...new Set([...record.aliases, ...protein])];
  }

  /** Resolves a symbol, protein name or alias. */
  resolve(raw: string): GeneResolution {
    const input = raw;
    const text = raw
      .normalize('NFKC')
      .trim()
      .replace(/\s+(?:protein|gene|mRNA)$/i, '');
    const exact = this.bySymbol.get(text.toUpperCase());
    if (exact && (exact.symbol === text || !this.byProteinName.has(lookupKey(text)))) {
      return resolvedAs(input, [exact], 'symbol');
    }
    const key = lookupKey(text);
    const protein = this.byProteinName.get(key);
    if (protein)
      return resolvedAs(
        input,
        protein.map((s) => this.bySymbol.get(s)!),
        'protein-name',
      );
    const symbolKey = this.bySymbolKey.get(key);
    if (symbolKey) return resolvedAs(input, [symbolKey], 'symbol');
    const aliased = this.byAlias.get(key) ?? [];
    const coding = aliased.filter((g) => g.type === 'protein-coding');
    const unique = aliased.length === 1 ? aliased : coding.length === 1 ? coding : [];
    if (unique.length === 1) return resolvedAs(input, unique, 'alias');
    if (aliased.length > 1) {
      return {
        status: 'ambiguous',
        input,
        reason: `'${raw}' is an alias of ${aliased.length} genes`,
        candidates: aliased.map((g) => g.symbol),
      };
    }
    return {
      status: 'unresolved',
      input,
      reason: `no gene symbol, alias or protein name '${raw}'`,
      candidates: closestNames(
        text,
        [...this.bySymbol.values()].map((g) => g.symbol),
        5,
        2,
      ),
    };
  }
}

const toGene = (record: GeneRecord): Gene => ({
  symbol: record.symbol,
  entrez_id: record.entrezId,
  name: record.name,
  aliases: record.aliases,
});

function resolvedAs(
  input: string,
  records: GeneRecord[],
  via: 'symbol' | 'protein-name' | 'alias',
): GeneResolution {
  const genes = records.map(toGene);
  return { status: 'resolved', input, gene: genes[0]!, genes, via };
}
