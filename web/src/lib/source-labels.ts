/** Source id → how a citation reads (title, year, authors), for evidence rows and source lists. */
import type { MirnaReport } from '../../../src/api/contract.js';

export type Source = MirnaReport['sources'][number];

/** What a citation shows; `known` is false when the report did not list the source. */
export interface SourceLabel {
  id: string;
  title: string;
  year?: string;
  short: string;
  known: boolean;
}

/** The first author's family name from an author list such as `Noyan S, Gurdal H, Gur Dedeoglu B`. */
export function firstAuthor(authors: string | undefined): string | undefined {
  const first = authors?.split(/[,;]| and /)[0]?.trim();
  if (!first) return undefined;
  // "Noyan S" → "Noyan", "Gur Dedeoglu B" → "Gur Dedeoglu"; "Sevgi Noyan" stays whole (initials come last)
  const match = /^(.+?)\s+[A-Z]{1,3}\.?$/.exec(first);
  return match ? match[1] : first;
}

/** A lookup over a report's sources; unknown ids read as themselves. */
export function createSourceLookup(sources: readonly Source[]): (id: string) => SourceLabel {
  const byId = new Map(sources.map((s) => [s.id, s]));
  return (id) => {
    const source = byId.get(id);
    if (!source) return { id, title: id, short: id, known: false };
    const author = firstAuthor(source.authors);
    const short = [author ? `${author} et al.` : undefined, source.year].filter(Boolean).join(' ');
    return { id, title: source.title, year: source.year, short: short || source.title, known: true };
  };
}

/** A citation's external links (DOI, PubMed), built from identifiers, never from raw URLs in the data. */
export function sourceLinks(source: Source): { label: string; href: string }[] {
  const links: { label: string; href: string }[] = [];
  if (source.doi)
    links.push({ label: `doi:${source.doi}`, href: `https://doi.org/${encodeURI(source.doi)}` });
  if (source.pmid && /^\d+$/.test(source.pmid))
    links.push({ label: `PMID ${source.pmid}`, href: `https://pubmed.ncbi.nlm.nih.gov/${source.pmid}/` });
  return links;
}
