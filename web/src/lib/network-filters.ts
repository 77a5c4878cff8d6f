/** The network view's filters ⇄ URL query strings (the page URL, `/api/network`, `/api/export`). */

export interface NetworkFilters {
  /** entity names to start from; empty for the whole graph */
  center: string;
  depth: number;
  predicate: string;
  therapy: string;
  evidence: string;
  /** `key=value`, e.g. `subtype=her2-positive` */
  context: string;
}

export const DEFAULT_NETWORK_FILTERS: NetworkFilters = {
  center: '',
  depth: 1,
  predicate: '',
  therapy: '',
  evidence: '',
  context: '',
};

export const MAX_DEPTH = 3;
/** The edge cap the view asks for; the server says `truncated` when the graph is larger. */
export const NETWORK_LIMIT = 1000;

const CONTEXT_PATTERN = /^[a-z_]+=[^=]+$/;

/** Filters from a URL query; anything out of range falls back to the default. */
export function filtersFromSearch(params: URLSearchParams): NetworkFilters {
  const depth = Number(params.get('depth'));
  const context = params.get('context')?.trim() ?? '';
  return {
    center: params.get('center')?.trim() ?? '',
    depth: Number.isInteger(depth) && depth >= 1 && depth <= MAX_DEPTH ? depth : 1,
    predicate: params.get('predicate')?.trim() ?? '',
    therapy: params.get('therapy')?.trim() ?? '',
    evidence: params.get('evidence')?.trim() ?? '',
    context: CONTEXT_PATTERN.test(context) ? context : '',
  };
}

/** The filters as a query, defaults left out (depth only matters with a centre). */
export function filtersToSearch(filters: NetworkFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.center.trim()) {
    params.set('center', filters.center.trim());
    if (filters.depth !== 1) params.set('depth', String(filters.depth));
  }
  for (const key of ['predicate', 'therapy', 'evidence'] as const)
    if (filters[key].trim()) params.set(key, filters[key].trim());
  if (CONTEXT_PATTERN.test(filters.context.trim())) params.set('context', filters.context.trim());
  return params;
}

/** The `/api/network` query for the filters. */
export function networkQuery(filters: NetworkFilters, limit = NETWORK_LIMIT): string {
  const params = filtersToSearch(filters);
  params.set('limit', String(limit));
  return params.toString();
}

/** The server export of the statements behind the filters (a centre becomes "statements touching it"). */
export function exportHref(format: 'tsv' | 'json' | 'graphml' | 'sif', filters: NetworkFilters): string {
  const params = new URLSearchParams({ format });
  const filter = filtersToSearch(filters);
  for (const key of ['predicate', 'therapy', 'evidence', 'context']) {
    const value = filter.get(key);
    if (value) params.set(key, value);
  }
  if (filter.get('center')) params.set('entity', filter.get('center')!);
  return `/api/export?${params}`;
}
