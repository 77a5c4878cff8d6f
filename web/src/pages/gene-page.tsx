/** `/gene/:name`: the gene, the miRNAs that target it, their therapy roles, therapies acting on it, signalling. */
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { GeneReport } from '../../../src/api/contract.js';
import { SourceList } from '../components/source-list.js';
import { StatementList } from '../components/statement-list.js';
import { EntityReportPage } from '../components/entity-report-page.js';
import { geneSections } from '../lib/report-sections.js';
import { createSourceLookup } from '../lib/source-labels.js';

export function GenePage() {
  return (
    <EntityReportPage<GeneReport>
      kind="gene"
      title={(r) => r.gene.symbol}
      render={(r) => <GeneReportView report={r} />}
    />
  );
}

function GeneReportView({ report }: { report: GeneReport }) {
  const sourceLabel = useMemo(() => createSourceLookup(report.sources), [report.sources]);
  const g = report.gene;
  const sections = geneSections(report);
  return (
    <article>
      <p className="kicker">gene</p>
      <h1>{g.symbol}</h1>
      {report.query !== g.symbol ? (
        <p className="muted">
          “{report.query}” resolves to {g.symbol}
          {report.via && report.via !== 'exact' ? ` (${report.via})` : ''}.
        </p>
      ) : null}
      <dl className="facts">
        <div>
          <dt>Name</dt>
          <dd>{g.name || '—'}</dd>
        </div>
        <div>
          <dt>NCBI Gene</dt>
          <dd>
            <a
              href={`https://www.ncbi.nlm.nih.gov/gene/${encodeURIComponent(g.entrez_id)}`}
              target="_blank"
              rel="noreferrer noopener"
            >
              {g.entrez_id}
            </a>
          </dd>
        </div>
        {g.aliases.length ? (
          <div>
            <dt>Aliases</dt>
            <dd>{g.aliases.join(', ')}</dd>
          </div>
        ) : null}
      </dl>

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
            <Link to={`/network?${new URLSearchParams({ center: g.symbol })}`}>
              Network around {g.symbol}
            </Link>
          </li>
        </ul>
      </nav>

      {sections.map((section) => (
        <section key={section.id} id={section.id} aria-labelledby={`${section.id}-heading`}>
          <h2 id={`${section.id}-heading`}>
            {section.title} <span className="count">({section.statements.length})</span>
          </h2>
          <StatementList statements={section.statements} sourceLabel={sourceLabel} empty={section.empty} />
        </section>
      ))}

      <SourceList sources={report.sources} />
    </article>
  );
}
