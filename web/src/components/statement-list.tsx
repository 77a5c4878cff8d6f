/** Statement rows: a button per row with the one-line claim; expanded, each evidence quote with its source. */
import { useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { MirnaReport } from '../../../src/api/contract.js';
import type { SourceLabel } from '../lib/source-labels.js';
import {
  entityHref,
  evidenceExperiments,
  experimentLabel,
  kindLabel,
  qualifierChips,
  summariseStatement,
} from '../lib/statement-format.js';

type Statement = MirnaReport['targets'][number];

export interface StatementListProps {
  statements: readonly Statement[];
  sourceLabel: (id: string) => SourceLabel;
  /** what an empty list says */
  empty?: string;
  /** extra content shown under a row's button, always visible (e.g. seed-site evidence) */
  detail?: (statement: Statement) => ReactNode;
}

export function StatementList({ statements, sourceLabel, empty, detail }: StatementListProps) {
  if (!statements.length) return empty ? <p className="muted">{empty}</p> : null;
  return (
    <ul className="statement-list">
      {statements.map((s) => (
        <StatementRow key={s.id} statement={s} sourceLabel={sourceLabel} detail={detail?.(s)} />
      ))}
    </ul>
  );
}

function StatementRow({
  statement,
  sourceLabel,
  detail,
}: {
  statement: Statement;
  sourceLabel: (id: string) => SourceLabel;
  detail?: ReactNode;
}) {
  const [expanded, setExpanded] = useState(false);
  const panelId = useId();
  const summary = summariseStatement(statement);
  const chips = qualifierChips(statement.qualifiers);
  const experiments = evidenceExperiments(statement);
  return (
    <li className="statement-row" data-testid="statement-row" data-statement-id={statement.id}>
      <button
        type="button"
        className="statement-toggle"
        aria-expanded={expanded}
        aria-controls={panelId}
        onClick={() => setExpanded((e) => !e)}
      >
        <span className="toggle-icon" aria-hidden="true">
          {expanded ? '▾' : '▸'}
        </span>
        <span className="statement-claim">
          <strong>{summary.subject}</strong> <span className="predicate">{summary.predicate}</span>{' '}
          <strong>{summary.object}</strong>
          {summary.therapy ? <span className="therapy-tag"> [{summary.therapy}]</span> : null}
        </span>
        {summary.contexts ? <span className="statement-meta"> · {summary.contexts}</span> : null}
        <span className="statement-meta">
          {' '}
          · {summary.quotes} {summary.quotes === 1 ? 'quote' : 'quotes'}
        </span>
      </button>
      {chips.length || experiments.length ? (
        <div className="chips">
          {chips.map((c) => (
            <span key={c} className="chip">
              {c}
            </span>
          ))}
          {experiments.map((e) => (
            <span key={e} className="chip chip-experiment">
              {experimentLabel(e)}
            </span>
          ))}
        </div>
      ) : null}
      {detail ? <div className="statement-detail">{detail}</div> : null}
      <div id={panelId} className="evidence-panel" hidden={!expanded}>
        {expanded ? (
          <>
            {statement.qualifiers.note ? (
              <p className="note">Curator's note: {statement.qualifiers.note}</p>
            ) : null}
            {statement.evidence.map((e, i) => {
              const source = sourceLabel(e.source_id);
              return (
                <figure key={i} className="evidence">
                  <blockquote data-testid="evidence-quote">{e.quote}</blockquote>
                  <figcaption>
                    — <cite title={source.id}>{source.title}</cite>
                    {source.year ? ` (${source.year})` : ''}
                    {e.section ? `, ${e.section}` : ''}
                    {e.experiments.length ? (
                      <span className="muted">
                        {' '}
                        · experiments: {e.experiments.map(experimentLabel).join(', ')}
                      </span>
                    ) : null}
                  </figcaption>
                </figure>
              );
            })}
            <p className="statement-links">
              <Link to={entityHref(statement.subject.kind, statement.subject.id)}>
                {kindLabel(statement.subject.kind)} {statement.subject.id}
              </Link>
              {' · '}
              <Link to={entityHref(statement.object.kind, statement.object.id)}>
                {kindLabel(statement.object.kind)} {statement.object.id}
              </Link>
              {statement.therapy && statement.therapy !== statement.object.id ? (
                <>
                  {' · '}
                  <Link to={entityHref('therapy', statement.therapy)}>therapy {statement.therapy}</Link>
                </>
              ) : null}
              <span className="muted"> · statement {statement.id}</span>
            </p>
          </>
        ) : null}
      </div>
    </li>
  );
}
