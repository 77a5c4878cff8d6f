/** `/curation`: the queue of proposed statements; accept or reject each with the operator's token. */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Proposal } from '../../../src/api/contract.js';
import { Loading, ProblemMessage } from '../components/status-messages.js';
import { useApiGet, useDocumentTitle } from '../hooks/use-api.js';
import { api, toApiError, type ApiError } from '../lib/api-client.js';
import {
  CURATOR_STORAGE_KEY,
  PROPOSAL_STATUSES,
  TOKEN_STORAGE_KEY,
  applyReview,
  proposalClaim,
  reviewProblem,
  splitOnTrigger,
  type ReviewOutcome,
} from '../lib/curation.js';
import { entityHref, kindLabel } from '../lib/statement-format.js';

function readStored(key: string): string {
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

function useStoredText(key: string): [string, (value: string) => void] {
  const [value, setValue] = useState(() => readStored(key));
  useEffect(() => {
    try {
      if (value) localStorage.setItem(key, value);
      else localStorage.removeItem(key);
    } catch {
      // storage may be unavailable (private mode); the value still lives for this page
    }
  }, [key, value]);
  return [value, setValue];
}

export function CurationPage() {
  useDocumentTitle('Curation');
  const [token, setToken] = useStoredText(TOKEN_STORAGE_KEY);
  const [curator, setCurator] = useStoredText(CURATOR_STORAGE_KEY);
  const [status, setStatus] = useState<string>('pending');
  const path = `/api/curation/proposals${status ? `?${new URLSearchParams({ status })}` : ''}`;
  const list = useApiGet<{ proposals: Proposal[] }>(path);
  const [reviews, setReviews] = useState<{
    path: string;
    outcomes: { outcome: ReviewOutcome; at: string }[];
  }>({
    path,
    outcomes: [],
  });
  const outcomes = reviews.path === path ? reviews.outcomes : [];
  const proposals = outcomes.reduce<Proposal[]>(
    (current, r) => applyReview(current, r.outcome, r.at),
    list.data?.proposals ?? [],
  );
  const onReviewed = (outcome: ReviewOutcome) =>
    setReviews({ path, outcomes: [...outcomes, { outcome, at: new Date().toISOString() }] });

  return (
    <div className="curation-page">
      <h1>Curation queue</h1>
      <p className="lead">
        Statements the reader proposed from papers, each with its sentence and the words that triggered it.
        Accepting one makes it a curated statement (or adds its sentence as evidence to an identical one).
      </p>
      <form className="curation-settings" aria-label="Curator" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="curation-token">API token</label>
          <input
            id="curation-token"
            data-testid="curation-token"
            type="password"
            autoComplete="current-password"
            value={token}
            onChange={(event) => setToken(event.target.value)}
            aria-describedby="curation-token-help"
          />
          <p id="curation-token-help" className="help">
            The operator's token (<code>miresist serve --token-file …</code> or{' '}
            <code>MIRESIST_API_TOKEN</code>); kept in this browser only.
          </p>
        </div>
        <div className="field">
          <label htmlFor="curation-curator">Curator name</label>
          <input
            id="curation-curator"
            data-testid="curation-curator"
            type="text"
            autoComplete="name"
            value={curator}
            onChange={(event) => setCurator(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="curation-status">Show</label>
          <select
            id="curation-status"
            data-testid="curation-status"
            value={status}
            onChange={(event) => setStatus(event.target.value)}
          >
            {PROPOSAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
            <option value="">all</option>
          </select>
        </div>
      </form>

      {list.error ? <ProblemMessage error={list.error} /> : null}
      {list.loading ? <Loading what="proposals" /> : null}
      {list.data ? (
        <>
          <p className="muted" role="status">
            {proposals.length} {proposals.length === 1 ? 'proposal' : 'proposals'}
            {status ? ` listed as ${status}` : ''}
            {outcomes.length ? ` · ${outcomes.length} reviewed here` : ''}
          </p>
          {proposals.length ? (
            <ul className="proposal-list">
              {proposals.map((p) => (
                <ProposalRow
                  key={p.id}
                  proposal={p}
                  token={token}
                  curator={curator}
                  onReviewed={onReviewed}
                />
              ))}
            </ul>
          ) : (
            <p>
              Nothing here. Queue proposals with <code>miresist read &lt;papers…&gt;</code>.
            </p>
          )}
        </>
      ) : null}
    </div>
  );
}

function ProposalRow({
  proposal,
  token,
  curator,
  onReviewed,
}: {
  proposal: Proposal;
  token: string;
  curator: string;
  onReviewed: (outcome: ReviewOutcome) => void;
}) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | string | undefined>(undefined);
  const [note, setNote] = useState('');
  const parts = splitOnTrigger(proposal.quote, proposal.trigger);
  const reasonId = `reject-reason-${proposal.id}`;

  const review = async (kind: 'accept' | 'reject') => {
    const problem = reviewProblem(token, curator);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      if (kind === 'accept') {
        const r = await api.accept(proposal.id, curator.trim(), { token: token.trim() });
        setNote(
          r.merged
            ? `Merged into ${r.statement_id}${r.evidenceAdded ? ' as new evidence' : ' (its sentence was already there)'}.`
            : `Curated as ${r.statement_id}.`,
        );
        onReviewed({
          id: proposal.id,
          status: 'accepted',
          curator: curator.trim(),
          statement_id: r.statement_id,
          merged: r.merged,
        });
      } else {
        await api.reject(proposal.id, curator.trim(), reason.trim() || undefined, { token: token.trim() });
        setRejecting(false);
        onReviewed({
          id: proposal.id,
          status: 'rejected',
          curator: curator.trim(),
          reason: reason.trim() || undefined,
        });
      }
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li
      className={`proposal proposal-${proposal.status}`}
      data-testid="proposal-row"
      data-proposal-id={proposal.id}
    >
      <div className="proposal-head">
        <span className={`status-badge status-${proposal.status}`} data-testid="proposal-status">
          {proposal.status}
        </span>
        <span className="proposal-claim">
          #{proposal.id} · {proposalClaim(proposal)}
        </span>
      </div>
      <figure className="evidence">
        <blockquote data-testid="evidence-quote">
          {parts.before}
          {parts.trigger ? <mark title="trigger">{parts.trigger}</mark> : null}
          {parts.after}
        </blockquote>
        <figcaption>
          — <cite>{proposal.source.title}</cite>
          {proposal.source.year ? ` (${proposal.source.year})` : ''}
          {proposal.section ? `, ${proposal.section}` : ''}{' '}
          <span className="muted">· {proposal.source_id}</span>
        </figcaption>
      </figure>
      <p className="proposal-entities">
        {kindLabel(proposal.subject.kind)}{' '}
        <Link to={entityHref(proposal.subject.kind, proposal.subject.id)}>{proposal.subject.id}</Link>
        <span className="muted"> (“{proposal.subject_text}”)</span> · {kindLabel(proposal.object.kind)}{' '}
        <Link to={entityHref(proposal.object.kind, proposal.object.id)}>{proposal.object.id}</Link>
        <span className="muted"> (“{proposal.object_text}”)</span>
        {proposal.trigger ? <span className="muted"> · trigger “{proposal.trigger}”</span> : null}
      </p>
      {proposal.reviewed_by ? (
        <p className="muted">
          {proposal.status} by {proposal.reviewed_by}
          {proposal.reviewed_at ? ` at ${proposal.reviewed_at}` : ''}
          {proposal.review_note ? ` — ${proposal.review_note}` : ''}
          {proposal.statement_id ? ` · statement ${proposal.statement_id}` : ''}
        </p>
      ) : null}
      {note ? (
        <p className="success" role="status">
          {note}
        </p>
      ) : null}
      {error ? (
        typeof error === 'string' ? (
          <p className="problem" role="alert">
            {error}
          </p>
        ) : (
          <ProblemMessage error={error} />
        )
      ) : null}
      {proposal.status === 'pending' ? (
        <div className="actions">
          <button
            type="button"
            data-testid="proposal-accept"
            disabled={busy}
            onClick={() => void review('accept')}
          >
            Accept
          </button>
          {rejecting ? (
            <form
              className="reject-form"
              onSubmit={(event) => {
                event.preventDefault();
                void review('reject');
              }}
            >
              <label htmlFor={reasonId}>Reason (optional)</label>
              <input
                id={reasonId}
                data-testid="proposal-reject-reason"
                type="text"
                value={reason}
                maxLength={2000}
                onChange={(event) => setReason(event.target.value)}
                autoFocus
              />
              <button type="submit" className="danger" data-testid="proposal-reject-confirm" disabled={busy}>
                Confirm rejection
              </button>
              <button type="button" className="secondary" onClick={() => setRejecting(false)}>
                Cancel
              </button>
            </form>
          ) : (
            <button
              type="button"
              className="secondary"
              data-testid="proposal-reject"
              disabled={busy}
              onClick={() => setRejecting(true)}
            >
              Reject…
            </button>
          )}
        </div>
      ) : null}
    </li>
  );
}
