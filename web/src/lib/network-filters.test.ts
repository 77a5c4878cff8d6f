import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NETWORK_FILTERS,
  exportHref,
  filtersFromSearch,
  filtersToSearch,
  networkQuery,
} from './network-filters.js';

describe('network filters', () => {
  it('round-trips through a URL query', () => {
    const filters = {
      center: 'miR-221/222',
      depth: 2,
      predicate: 'confers_resistance',
      therapy: 'tamoxifen',
      evidence: 'luciferase-reporter',
      context: 'subtype=her2-positive',
    };
    const query = filtersToSearch(filters).toString();
    expect(query).toBe(
      'center=miR-221%2F222&depth=2&predicate=confers_resistance&therapy=tamoxifen&evidence=luciferase-reporter&context=subtype%3Dher2-positive',
    );
    expect(filtersFromSearch(new URLSearchParams(query))).toEqual(filters);
  });

  it('leaves defaults out and drops depth without a centre', () => {
    expect(filtersToSearch(DEFAULT_NETWORK_FILTERS).toString()).toBe('');
    expect(filtersToSearch({ ...DEFAULT_NETWORK_FILTERS, depth: 3 }).toString()).toBe('');
    expect(networkQuery(DEFAULT_NETWORK_FILTERS)).toBe('limit=1000');
  });

  it('falls back to defaults for bad values', () => {
    expect(filtersFromSearch(new URLSearchParams('depth=9&context=nonsense'))).toEqual(
      DEFAULT_NETWORK_FILTERS,
    );
  });

  it('builds the server export link, a centre as entity', () => {
    expect(exportHref('tsv', { ...DEFAULT_NETWORK_FILTERS, center: 'PTEN', therapy: 'tamoxifen' })).toBe(
      '/api/export?format=tsv&therapy=tamoxifen&entity=PTEN',
    );
  });
});
