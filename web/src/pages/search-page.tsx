/** `/search?q=`: every hit for a query, entities as links and evidence sentences in full. */
import { Link, useSearchParams } from 'react-router';
import type { SearchResponse } from '../../../src/api/contract.js';
import { Loading, ProblemMessage } from '../components/status-messages.js';
import { useApiGet, useDocumentTitle } from '../hooks/use-api.js';
import { splitOnMatch } from '../lib/search-state.js';
import { entityHref, groupBy, kindLabel } from '../lib/statement-format.js';

export function SearchPage() {
  const [params] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  useDocumentTitle(q ? `Search: ${q}` : 'Search');
  const result = useApiGet<SearchResponse>(q ? `/api/search?${new URLSearchParams({ q, limit: '100' })}` : null);
  return (
    <div>
      <h1>Search{q ? <>: “{q}”</> : null}</h1>
      {!q ? <p>Type in the search box above.</p> : null}
      {result.loading ? <Loading what="results" /> : null}
      {result.error ? <ProblemMessage error={result.error} /> : null}
      {result.data && !result.data.hits.length ? <p>Nothing found.</p> : null}
      {result.data
        ? groupBy(result.data.hits, (h) => h.kind).map((group) => (
            <section key={group.key} aria-labelledby={`hits-${group.key}`}>
              <h2 id={`hits-${group.key}`}>
                {kindLabel(group.key)} ({group.items.length})
              </h2>
              {group.key === 'evidence' ? (
                <ul className="evidence-hits">
                  {group.items.map((hit) => {
                    const parts = splitOnMatch(hit.label, q);
                    return (
                      <li key={hit.id} id={hit.statement_id ?? hit.id}>
                        <blockquote data-testid="evidence-quote">
                          {parts.before}
                          {parts.match ? <mark>{parts.match}</mark> : null}
                          {parts.after}
                        </blockquote>
                        <p className="muted">statement {hit.statement_id ?? hit.id}</p>
                      </li>
                    );
                  })}
                </ul>
              ) : (
                <ul className="hit-list">
                  {group.items.map((hit) => (
                    <li key={hit.id}>
                      <Link to={entityHref(hit.kind, hit.id)}>{hit.label}</Link>
                      {hit.label !== hit.id ? <span className="muted"> → {hit.id}</span> : null}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))
        : null}
    </div>
  );
}
