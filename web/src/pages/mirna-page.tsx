/** `/mirna/:name`: identity with the seed marked, then targets (with seed-site evidence) and every role. */
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { MirnaReport } from '../../../src/api/contract.js';
import { EntityLinks } from '../components/entity-links.js';
import { SourceList } from '../components/source-list.js';
import { StatementList } from '../components/statement-list.js';
import { EntityReportPage } from '../components/entity-report-page.js';
import { mirnaSections, siteEvidenceFor } from '../lib/report-sections.js';
import { splitSeed } from '../lib/seed.js';
import { createSourceLookup } from '../lib/source-labels.js';

const KIND_LABELS: Record<string, string> = {
  mature: 'mature miRNA',
  arm_unknown: 'arm not stated (covers both arms)',
  family: 'family',
};

export function MirnaPage() {
  return (
    <EntityReportPage<MirnaReport>
      kind="mirna"
      title={(r) => r.mirna.name}
      render={(r) => <MirnaReportView report={r} />}
    />
  );
}

function MirnaReportView({ report }: { report: MirnaReport }) {
  const sourceLabel = useMemo(() => createSourceLookup(report.sources), [report.sources]);
  const m = report.mirna;
  const seed = splitSeed(m.sequence, m.seed);
  const sections = mirnaSections(report);
  return (
    <article>
      <p className="kicker">miRNA</p>
      <h1>{m.name}</h1>
      {report.query !== m.name ? (
        <p className="muted">
          “{report.query}” resolves to {m.name}
          {report.resolution.via && report.resolution.via !== 'exact' ? ` (${report.resolution.via})` : ''}.
        </p>
      ) : null}
      {report.resolution.notes.map((note) => (
        <p key={note} className="note">
          {note}
        </p>
      ))}

      <section aria-labelledby="identity-heading" className="identity">
        <h2 id="identity-heading" className="visually-hidden">
          Identity
        </h2>
        <dl className="facts">
          <div>
            <dt>Kind</dt>
            <dd>{KIND_LABELS[m.kind] ?? m.kind}</dd>
          </div>
          {m.accessions.length ? (
            <div>
              <dt>{m.accessions.length === 1 ? 'Accession' : 'Accessions'}</dt>
              <dd>
                {m.accessions.map((a, i) => (
                  <span key={a}>
                    {i ? ', ' : ''}
                    <a href={`https://www.mirbase.org/mature/${a}`} target="_blank" rel="noreferrer noopener">
                      {a}
                    </a>
                  </span>
                ))}
              </dd>
            </div>
          ) : null}
          {m.members.length && !(m.members.length === 1 && m.members[0] === m.name) ? (
            <div>
              <dt>Members</dt>
              <dd>
                <EntityLinks kind="mirna" ids={m.members} />
              </dd>
            </div>
          ) : null}
          {m.precursors.length ? (
            <div>
              <dt>Precursors</dt>
              <dd>{m.precursors.join(', ')}</dd>
            </div>
          ) : null}
          {m.family ? (
            <div>
              <dt>Family</dt>
              <dd>{m.family}</dd>
            </div>
          ) : null}
          {report.related.length ? (
            <div>
              <dt>Also shown</dt>
              <dd>
                statements about <EntityLinks kind="mirna" ids={report.related} />
              </dd>
            </div>
          ) : null}
          {m.sequence ? (
            <div className="sequence-row">
              <dt>Sequence (5′→3′)</dt>
              <dd>
                {seed ? (
                  <figure className="sequence">
                    <code aria-label={`${m.sequence}, seed ${seed.seed} at nucleotides 2 to 8`}>
                      {seed.before}
                      <mark data-testid="mirna-seed">{seed.seed}</mark>
                      {seed.after}
                    </code>
                    <figcaption>
                      <mark className="legend-swatch" aria-hidden="true">
                        &nbsp;&nbsp;
                      </mark>{' '}
                      seed, nt 2–8
                    </figcaption>
                  </figure>
                ) : (
                  <code>{m.sequence}</code>
                )}
              </dd>
            </div>
          ) : null}
        </dl>
      </section>

      <nav aria-label="Sections" className="section-nav">
        <ul>
          {sections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>
                {s.title} ({s.statements.length})
              </a>
            </li>
          ))}
          <li>
            <Link to={`/network?${new URLSearchParams({ center: m.name })}`}>Network around {m.name}</Link>
          </li>
        </ul>
      </nav>

      {sections.map((section) => (
        <section key={section.id} id={section.id} aria-labelledby={`${section.id}-heading`}>
          <h2 id={`${section.id}-heading`}>
            {section.title} <span className="count">({section.statements.length})</span>
          </h2>
          {section.id === 'targets' && section.statements.length && !report.utrSources.length ? (
            <p className="site-evidence" data-testid="site-evidence-none">
              Seed-site evidence: no UTRs loaded (<code>miresist kb load-utrs &lt;file&gt;</code> predicts
              seed sites per target).
            </p>
          ) : null}
          <StatementList
            statements={section.statements}
            sourceLabel={sourceLabel}
            empty={section.empty}
            detail={
              section.id === 'targets' && report.utrSources.length
                ? (s) => {
                    const sites = siteEvidenceFor(report, s.object.id);
                    return (
                      <p className="site-evidence">
                        Seed sites in {s.object.id} 3′UTR:{' '}
                        {sites.state === 'no-utrs'
                          ? 'no UTRs loaded'
                          : sites.state === 'no-site'
                            ? `none in the loaded UTRs (${sites.utrSources.join(', ')})`
                            : sites.text}
                      </p>
                    );
                  }
                : undefined
            }
          />
        </section>
      ))}

      <SourceList sources={report.sources} />
    </article>
  );
}
