/** Search-as-you-type over every name, alias and evidence sentence: the ARIA 1.2 combobox with a listbox popup. */
import { useEffect, useId, useReducer, useRef, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import type { SearchHit } from '../../../src/api/contract.js';
import { api, isAbortError, toApiError } from '../lib/api-client.js';
import {
  SEARCH_DEBOUNCE_MS,
  SEARCH_LIMIT,
  hitHref,
  initialSearchState,
  searchReducer,
  snippetAround,
  splitOnMatch,
} from '../lib/search-state.js';
import { kindLabel } from '../lib/statement-format.js';

export function SearchBox() {
  const [state, dispatch] = useReducer(searchReducer, initialSearchState);
  const navigate = useNavigate();
  const inputId = useId();
  const listboxId = useId();
  const optionId = (i: number) => `${listboxId}-option-${i}`;
  const rootRef = useRef<HTMLDivElement>(null);
  const query = state.query.trim();

  // debounce: each keystroke cancels the pending request and the one in flight
  useEffect(() => {
    if (!query) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.search(query, SEARCH_LIMIT, { signal: controller.signal }).then(
        (response) => dispatch({ type: 'results', query, hits: response.hits }),
        (error: unknown) => {
          if (!isAbortError(error)) dispatch({ type: 'failed', query, message: toApiError(error).message });
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const choose = (hit: SearchHit) => {
    dispatch({ type: 'reset' });
    navigate(hitHref(hit, query));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!state.open) dispatch({ type: 'open' });
        else dispatch({ type: 'move', delta: 1 });
        break;
      case 'ArrowUp':
        event.preventDefault();
        dispatch({ type: 'move', delta: -1 });
        break;
      case 'Enter': {
        const hit = state.open ? state.hits[state.activeIndex] : undefined;
        if (hit) {
          event.preventDefault();
          choose(hit);
        } else if (query) {
          event.preventDefault();
          dispatch({ type: 'close' });
          navigate(`/search?${new URLSearchParams({ q: query })}`);
        }
        break;
      }
      case 'Escape':
        if (state.open) {
          event.preventDefault();
          dispatch({ type: 'close' });
        } else if (state.query) {
          event.preventDefault();
          dispatch({ type: 'input', query: '' });
        }
        break;
      case 'Tab':
        dispatch({ type: 'close' });
        break;
    }
  };

  const showList = state.open && query !== '';
  const activeId = showList && state.activeIndex >= 0 ? optionId(state.activeIndex) : undefined;
  const statusText =
    state.status === 'loading' && !state.hits.length
      ? 'Searching…'
      : state.status === 'error'
        ? `Search failed: ${state.error ?? ''}`
        : state.status === 'done'
          ? state.hits.length
            ? `${state.hits.length} ${state.hits.length === 1 ? 'result' : 'results'}; arrow keys to choose, Enter to open`
            : `Nothing found for “${state.answered}”`
          : '';

  return (
    <div
      className="search-box"
      ref={rootRef}
      onBlur={(event) => {
        if (!rootRef.current?.contains(event.relatedTarget as Node | null)) dispatch({ type: 'close' });
      }}
    >
      <label htmlFor={inputId} className="visually-hidden">
        Search miRNAs, genes, therapies, evidence
      </label>
      <input
        id={inputId}
        data-testid="search-input"
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listboxId}
        aria-activedescendant={activeId}
        placeholder="Search miRNAs, genes, therapies, evidence"
        value={state.query}
        onChange={(event) => dispatch({ type: 'input', query: event.target.value })}
        onFocus={() => dispatch({ type: 'open' })}
        onKeyDown={onKeyDown}
      />
      <p className="visually-hidden" role="status" aria-live="polite">
        {showList ? statusText : ''}
      </p>
      <ul
        id={listboxId}
        role="listbox"
        aria-label="Search results"
        className="search-results"
        hidden={!showList}
      >
        {showList && !state.hits.length && statusText ? (
          <li className="search-empty" role="presentation">
            {statusText}
          </li>
        ) : null}
        {showList
          ? state.hits.map((hit, i) => (
              <SearchOption
                key={`${hit.kind}:${hit.id}:${i}`}
                id={optionId(i)}
                hit={hit}
                query={state.answered}
                active={i === state.activeIndex}
                onHover={() => dispatch({ type: 'moveTo', index: i })}
                onChoose={() => choose(hit)}
              />
            ))
          : null}
      </ul>
    </div>
  );
}

function SearchOption({
  id,
  hit,
  query,
  active,
  onHover,
  onChoose,
}: {
  id: string;
  hit: SearchHit;
  query: string;
  active: boolean;
  onHover: () => void;
  onChoose: () => void;
}) {
  const text = hit.kind === 'evidence' ? snippetAround(hit.label, query) : hit.label;
  const parts = splitOnMatch(text, query);
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      data-testid="search-result"
      data-kind={hit.kind}
      className={active ? 'search-option active' : 'search-option'}
      onMouseEnter={onHover}
      // mousedown keeps focus in the input (a click would blur it and close the list first)
      onMouseDown={(event) => event.preventDefault()}
      onClick={onChoose}
    >
      <span className={`kind-badge kind-${hit.kind}`}>{kindLabel(hit.kind)}</span>
      <span className={hit.kind === 'evidence' ? 'search-label quote-snippet' : 'search-label'}>
        {parts.before}
        {parts.match ? <mark>{parts.match}</mark> : null}
        {parts.after}
        {hit.kind !== 'evidence' && hit.id !== hit.label ? (
          <span className="search-id"> → {hit.id}</span>
        ) : null}
      </span>
    </li>
  );
}
