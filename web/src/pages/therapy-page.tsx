/** `/therapy/:name`: miRNAs by role (resistance, sensitisation, expression, biomarker), each with its mechanisms. */
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { MirnaRole, TherapyReport } from '../../../src/api/contract.js';
import { EntityLinks } from '../components/entity-links.js';
import { SourceList } from '../components/source-list.js';
import { StatementList } from '../components/statement-list.js';
import { EntityReportPage } from '../components/entity-report-page.js';
import { roleCounts, therapyRoleSections } from '../lib/report-sections.js';
import { createSourceLookup, type SourceLabel } from '../lib/source-labels.js';
import { entityHref } from '../lib/statement-format.js';

export function TherapyPage() {
  return (
    <EntityReportPage<TherapyReport>
      kind="therapy"
      title={(r) => r.therapy.name}
      render={(r) => <TherapyReportView report={r} />}
    />
  );
}

function TherapyReportView({ report }: { report: TherapyReport }) {
  const sourceLabel = useMemo(() => createSourceLookup(report.sources), [report.sources]);
  const t = report.therapy;
  const sections = therapyRoleSections(report);
  const covered = report.covered.filter((c) => c !== t.name);
  return (
    <article>
      <p className="kicker">therapy</p>
      <h1>{t.name}</h1>
      <dl className="facts">
        <div>
          <dt>Kind</dt>
          <dd>
            {t.kind === 'class' ? 'class of therapies' : 'agent'} · {t.class}
          </dd>
        </div>
        {t.parents.length ? (
          <div>
            <dt>Within</dt>
            <dd>
              <EntityLinks kind="therapy" ids={t.parents} />
            </dd>
          </div>
        ) : null}
        {t.synonyms.length ? (
          <div>
            <dt>Synonyms</dt>
            <dd>{t.synonyms.join(', ')}</dd>
          </div>
        ) : null}
        {covered.length ? (
          <div>
            <dt>Covers</dt>
            <dd>
              <EntityLinks kind="therapy" ids={covered} />
            </dd>
          </div>
        ) : null}
      </dl>

      <nav aria-label="Sections" className="section-nav">
        <ul>
          {sections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>
                {s.title} ({s.roles.length})
              </a>
            </li>
          ))}
          <li>
            <Link to={`/network?${new URLSearchParams({ therapy: t.name })}`}>Network for {t.name}</Link>
          </li>
          <li>
            <Link to="/simulate">Simulate</Link>
          </li>
        </ul>
      </nav>

      {sections.map((section) => {
        const counts = roleCounts(section.roles);
        return (
          <section key={section.id} id={section.id} aria-labelledby={`${section.id}-heading`}>
            <h2 id={`${section.id}-heading`}>
              {section.title}{' '}
              <span className="count">
                ({counts.mirnas} {counts.mirnas === 1 ? 'miRNA' : 'miRNAs'})
              </span>
            </h2>
            {section.roles.length ? (
              <ul className="role-list">
                {section.roles.map((role) => (
                  <RoleBlock key={role.mirna} role={role} sourceLabel={sourceLabel} therapy={t.name} />
                ))}
              </ul>
            ) : (
              <p className="muted">{section.empty}</p>
            )}
          </section>
        );
      })}

      {report.drugTargets.length ? (
        <section aria-labelledby="drug-targets-heading">
          <h2 id="drug-targets-heading">
            What {t.name} acts on <span className="count">({report.drugTargets.length})</span>
          </h2>
          <StatementList statements={report.drugTargets} sourceLabel={sourceLabel} />
        </section>
      ) : null}
      {report.classStatements.length ? (
        <section aria-labelledby="class-heading">
          <h2 id="class-heading">
            Statements about its classes{report.classes.length ? ` (${report.classes.join(', ')})` : ''}{' '}
            <span className="count">({report.classStatements.length})</span>
          </h2>
          <StatementList statements={report.classStatements} sourceLabel={sourceLabel} />
        </section>
      ) : null}

      <SourceList sources={report.sources} />
    </article>
  );
}

function RoleBlock({
  role,
  sourceLabel,
  therapy,
}: {
  role: MirnaRole;
  sourceLabel: (id: string) => SourceLabel;
  therapy: string;
}) {
  const otherTargets = [...new Set(role.otherTargets.map((s) => s.object.id))];
  return (
    <li className="role">
      <h3>
        <Link to={entityHref('mirna', role.mirna)}>{role.mirna}</Link>
      </h3>
      <StatementList statements={role.statements} sourceLabel={sourceLabel} />
      {role.mechanisms.length ? (
        <div className="mechanisms">
          <h4>Mechanisms (targets stated for {therapy})</h4>
          <StatementList statements={role.mechanisms} sourceLabel={sourceLabel} />
        </div>
      ) : null}
      {otherTargets.length ? (
        <p className="other-targets">
          Other curated targets: <EntityLinks kind="gene" ids={otherTargets} />
        </p>
      ) : null}
    </li>
  );
}
