/** Search-as-you-type: the combobox state as a reducer, where each hit leads, and quote snippets. */
import type { SearchHit } from '../../../src/api/contract.js';
import { entityHref } from './statement-format.js';

/** Typing pauses this long before a search request goes out. */
export const SEARCH_DEBOUNCE_MS = 150;
/** Hits the box asks for. */
export const SEARCH_LIMIT = 12;

export interface SearchState {
  /** what the input holds */
  query: string;
  hits: SearchHit[];
  /** the query the hits answer */
  answered: string;
  /** index of the highlighted option, -1 for none */
  activeIndex: number;
  open: boolean;
  status: 'idle' | 'loading' | 'done' | 'error';
  error?: string;
}

export type SearchAction =
  | { type: 'input'; query: string }
  | { type: 'results'; query: string; hits: SearchHit[] }
  | { type: 'failed'; query: string; message: string }
  | { type: 'move'; delta: number }
  | { type: 'moveTo'; index: number }
  | { type: 'open' }
  | { type: 'close' }
  | { type: 'reset' };

export const initialSearchState: SearchState = {
  query: '',
  hits: [],
  answered: '',
  activeIndex: -1,
  open: false,
  status: 'idle',
};

/** The combobox's state transitions; results for a query other than the current one are dropped as stale. */
export function searchReducer(state: SearchState, action: SearchAction): SearchState {
  switch (action.type) {
    case 'input': {
      const pending = action.query.trim() !== '';
      return {
        ...state,
        query: action.query,
        activeIndex: -1,
        open: pending,
        status: pending ? 'loading' : 'idle',
        hits: pending ? state.hits : [],
        answered: pending ? state.answered : '',
        error: undefined,
      };
    }
    case 'results':
      if (action.query !== state.query.trim()) return state;
      return {
        ...state,
        hits: action.hits,
        answered: action.query,
        status: 'done',
        activeIndex: -1,
        open: true,
      };
    case 'failed':
      if (action.query !== state.query.trim()) return state;
      return { ...state, hits: [], status: 'error', error: action.message, open: true };
    case 'move': {
      const count = state.hits.length;
      if (!count) return state;
      // from "none", down goes to the first option and up to the last; both wrap around
      const start = state.activeIndex < 0 ? (action.delta > 0 ? -1 : count) : state.activeIndex;
      const index = (((start + action.delta) % count) + count) % count;
      return { ...state, activeIndex: index, open: true };
    }
    case 'moveTo':
      if (action.index < -1 || action.index >= state.hits.length) return state;
      return { ...state, activeIndex: action.index, open: true };
    case 'open':
      return state.query.trim() ? { ...state, open: true } : state;
    case 'close':
      return { ...state, open: false, activeIndex: -1 };
    case 'reset':
      return initialSearchState;
  }
}

/** Where a hit leads: entity pages; an evidence hit opens the search results with its quote. */
export function hitHref(hit: SearchHit, query: string): string {
  if (hit.kind === 'evidence')
    return `/search?${new URLSearchParams({ q: query })}#${encodeURIComponent(hit.statement_id ?? hit.id)}`;
  return entityHref(hit.kind, hit.id);
}

/** A window of `text` around the first match of `query` (case-insensitive), with ellipses where cut. */
export function snippetAround(text: string, query: string, width = 90): string {
  if (text.length <= width) return text;
  const at = query ? text.toLowerCase().indexOf(query.trim().toLowerCase()) : -1;
  const centre = at < 0 ? 0 : at + Math.floor(query.trim().length / 2);
  let start = Math.max(0, centre - Math.floor(width / 2));
  const end = Math.min(text.length, start + width);
  start = Math.max(0, end - width);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

/** Splits text around the first case-insensitive match, for a <mark>; no match gives the whole text as `before`. */
export function splitOnMatch(text: string, needle: string): { before: string; match: string; after: string } {
  const trimmed = needle.trim();
  const at = trimmed ? text.toLowerCase().indexOf(trimmed.toLowerCase()) : -1;
  if (at < 0) return { before: text, match: '', after: '' };
  return {
    before: text.slice(0, at),
    match: text.slice(at, at + trimmed.length),
    after: text.slice(at + trimmed.length),
  };
}
