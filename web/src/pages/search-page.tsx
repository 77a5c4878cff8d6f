/** `/search?q=`: every hit for a query, entities as links and evidence sentences in full. */
import { useEffect, useMemo } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import type { SearchResponse, StatementsResponse } from '../../../src/api/contract.js';
import { Loading, ProblemMessage } from '../components/status-messages.js';
import { useApiGet, useDocumentTitle } from '../hooks/use-api.js';
import { splitOnMatch } from '../lib/search-state.js';
import { createSourceLookup } from '../lib/source-labels.js';
import { entityHref, groupBy, kindLabel, predicateLabel } from '../lib/statement-format.js';

export function SearchPage() {
  const [params] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  useDocumentTitle(q ? `Search: ${q}` : 'Search');
  const result = useApiGet<SearchResponse>(
    q ? `/api/search?${new URLSearchParams({ q, limit: '100' })}` : null,
  );
  // search hits carry only the statement id; the claim behind an evidence hit comes from the statement list
  const hasEvidence = result.data?.hits.some((h) => h.kind === 'evidence') ?? false;
  const statements = useApiGet<StatementsResponse>(hasEvidence ? '/api/statements?limit=1000' : null);
  const statementById = useMemo(
    () => new Map((statements.data?.statements ?? []).map((s) => [s.id, s])),
    [statements.data],
  );
  const sourceLabel = useMemo(() => createSourceLookup(statements.data?.sources ?? []), [statements.data]);
  // an evidence hit chosen in the search box opens this page at its statement
  const target = decodeURIComponent(useLocation().hash.slice(1));
  const loaded = result.data !== undefined && !statements.loading;
  useEffect(() => {
    if (loaded && target) document.getElementById(target)?.scrollIntoView({ block: 'center' });
  }, [loaded, target]);
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
                  {group.items.map((hit, i) => {
                    const parts = splitOnMatch(hit.label, q);
                    const id = hit.statement_id ?? hit.id;
                    const first = group.items.findIndex((h) => (h.statement_id ?? h.id) === id) === i;
                    return (
                      <li
                        key={`${id}-${i}`}
                        id={first ? id : undefined}
                        className={first && id === target ? 'targeted' : undefined}
                      >
                        <blockquote data-testid="evidence-quote">
                          {parts.before}
                          {parts.match ? <mark>{parts.match}</mark> : null}
                          {parts.after}
                        </blockquote>
                        <EvidenceClaim
                          statement={statementById.get(id)}
                          id={id}
                          sourceTitle={(sourceId) => sourceLabel(sourceId).title}
                        />
                      </li>
                    );
                  })}
                </ul>
              ) : (
                <ul className="hit-list">
                  {group.items.map((hit, i) => (
                    <li key={`${hit.id}-${i}`}>
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

function EvidenceClaim({
  statement,
  id,
  sourceTitle,
}: {
  statement: StatementsResponse['statements'][number] | undefined;
  id: string;
  sourceTitle: (sourceId: string) => string;
}) {
  if (!statement) return <p className="muted">statement {id}</p>;
  const sources = [...new Set(statement.evidence.map((e) => e.source_id))];
  return (
    <p className="evidence-claim">
      <Link to={entityHref(statement.subject.kind, statement.subject.id)}>{statement.subject.id}</Link>{' '}
      {predicateLabel(statement.predicate)}{' '}
      <Link to={entityHref(statement.object.kind, statement.object.id)}>{statement.object.id}</Link>
      {statement.therapy && statement.therapy !== statement.object.id ? ` [${statement.therapy}]` : ''}
      <span className="muted">
        {' '}
        · {sources.map(sourceTitle).join('; ')} · statement {id}
      </span>
    </p>
  );
}
