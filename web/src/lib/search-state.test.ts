import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../src/api/contract.js';
import {
  hitHref,
  initialSearchState,
  searchReducer,
  snippetAround,
  splitOnMatch,
  type SearchAction,
} from './search-state.js';

const hits: SearchHit[] = [
  { kind: 'mirna', id: 'hsa-miR-21', label: 'hsa-miR-21' },
  { kind: 'gene', id: 'PTEN', label: 'PTEN' },
  { kind: 'evidence', id: 'st_1', label: 'miR-21 targets PTEN', statement_id: 'st_1' },
];

function run(...actions: SearchAction[]) {
  return actions.reduce(searchReducer, initialSearchState);
}

describe('searchReducer', () => {
  it('opens and loads on input, then takes the results of the current query', () => {
    const typed = run({ type: 'input', query: 'miR-21 ' });
    expect(typed).toMatchObject({ status: 'loading', open: true });
    const answered = searchReducer(typed, { type: 'results', query: 'miR-21', hits });
    expect(answered).toMatchObject({ status: 'done', hits, answered: 'miR-21', activeIndex: -1 });
  });

  it('drops stale results', () => {
    const state = run({ type: 'input', query: 'miR-2' }, { type: 'input', query: 'miR-21' });
    expect(searchReducer(state, { type: 'results', query: 'miR-2', hits })).toBe(state);
    expect(searchReducer(state, { type: 'failed', query: 'miR-2', message: 'x' })).toBe(state);
  });

  it('moves through options with wrap-around', () => {
    const ready = run({ type: 'input', query: 'mir' }, { type: 'results', query: 'mir', hits });
    expect(searchReducer(ready, { type: 'move', delta: 1 }).activeIndex).toBe(0);
    expect(searchReducer(ready, { type: 'move', delta: -1 }).activeIndex).toBe(2);
    const last = run(
      { type: 'input', query: 'mir' },
      { type: 'results', query: 'mir', hits },
      { type: 'moveTo', index: 2 },
    );
    expect(searchReducer(last, { type: 'move', delta: 1 }).activeIndex).toBe(0);
    expect(searchReducer(last, { type: 'moveTo', index: 7 })).toBe(last);
  });

  it('clears on empty input and closes on request', () => {
    const ready = run({ type: 'input', query: 'mir' }, { type: 'results', query: 'mir', hits });
    expect(searchReducer(ready, { type: 'input', query: '  ' })).toMatchObject({
      hits: [],
      open: false,
      status: 'idle',
    });
    expect(searchReducer(ready, { type: 'close' })).toMatchObject({ open: false, activeIndex: -1, hits });
    expect(searchReducer(ready, { type: 'failed', query: 'mir', message: 'down' })).toMatchObject({
      status: 'error',
      error: 'down',
    });
  });

  it('does not move without hits', () => {
    const empty = run({ type: 'input', query: 'zz' }, { type: 'results', query: 'zz', hits: [] });
    expect(searchReducer(empty, { type: 'move', delta: 1 })).toBe(empty);
  });
});

describe('hitHref', () => {
  it('links entities to their pages and evidence to the search results', () => {
    expect(hitHref(hits[0]!, 'mir')).toBe('/mirna/hsa-miR-21');
    expect(hitHref(hits[1]!, 'pt')).toBe('/gene/PTEN');
    expect(hitHref(hits[2]!, 'targets PTEN')).toBe('/search?q=targets+PTEN#st_1');
    expect(hitHref({ kind: 'pathway', id: 'PI3K/AKT', label: 'PI3K/AKT' }, 'pi3k')).toBe(
      '/network?center=PI3K%2FAKT',
    );
  });
});

describe('snippetAround', () => {
  const quote =
    'In addition to mediating resistance of breast cancer cells to radiotherapy and doxorubicin as well as HER2+ breast cancers to trastuzumab, miR-21 decreases the sensitivity of ER+ breast cancer cells to tamoxifen by targeting PTEN.';
  it('centres a window on the match', () => {
    const snippet = snippetAround(quote, 'tamoxifen', 60);
    expect(snippet).toContain('tamoxifen');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(62);
  });

  it('keeps short text whole and starts at the beginning without a match', () => {
    expect(snippetAround('short', 'x')).toBe('short');
    expect(snippetAround(quote, 'absent', 40).startsWith('In addition')).toBe(true);
  });
});

describe('splitOnMatch', () => {
  it('splits around the first case-insensitive match', () => {
    expect(splitOnMatch('hsa-miR-21', 'MIR-2')).toEqual({ before: 'hsa-', match: 'miR-2', after: '1' });
    expect(splitOnMatch('PTEN', 'x')).toEqual({ before: 'PTEN', match: '', after: '' });
  });
});
