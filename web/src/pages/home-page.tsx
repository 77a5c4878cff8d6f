/** `/`: what miResist is, what the store holds, and quick links into the graph. */
import { Link } from 'react-router';
import type { Health } from '../../../src/api/contract.js';
import { useApiGet, useDocumentTitle } from '../hooks/use-api.js';
import { entityHref } from '../lib/statement-format.js';

const QUICK_LINKS: { kind: 'mirna' | 'gene' | 'therapy'; id: string }[] = [
  { kind: 'mirna', id: 'hsa-miR-770-5p' },
  { kind: 'mirna', id: 'miR-21' },
  { kind: 'mirna', id: 'miR-221' },
  { kind: 'gene', id: 'PTEN' },
  { kind: 'gene', id: 'ERBB2' },
  { kind: 'therapy', id: 'tamoxifen' },
  { kind: 'therapy', id: 'trastuzumab' },
  { kind: 'therapy', id: 'doxorubicin' },
];

const COUNTED = ['statement', 'evidence', 'source', 'mirna', 'gene', 'therapy', 'pathway', 'proposal'];

export function HomePage() {
  useDocumentTitle('');
  const health = useApiGet<Health>('/api/health');
  return (
    <div className="home">
      <h1>miResist</h1>
      <p className="lead">
        A knowledge graph of microRNA-mediated therapy resistance in breast cancer: miRNAs → target genes →
        pathways → therapy response. Every statement carries the verbatim sentence it comes from and its
        source.
      </p>
      <p>
        Use the search box above for any miRNA, gene or therapy name or alias (<code>miR-21</code>,{' '}
        <code>HER2/neu</code>, <code>Herceptin</code>) or for words in the evidence.
      </p>

      <section aria-labelledby="quick-heading">
        <h2 id="quick-heading">Start here</h2>
        <ul className="quick-links">
          {QUICK_LINKS.map((q) => (
            <li key={`${q.kind}:${q.id}`}>
              <Link to={entityHref(q.kind, q.id)}>
                <span className={`kind-badge kind-${q.kind}`}>{q.kind === 'mirna' ? 'miRNA' : q.kind}</span>{' '}
                {q.id}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="tools-heading">
        <h2 id="tools-heading">Tools</h2>
        <ul className="tool-list">
          <li>
            <Link to="/network">Network</Link> — the graph, filtered by therapy, predicate, evidence and
            context; export as PNG, SVG or GraphML.
          </li>
          <li>
            <Link to="/simulate">Simulate</Link> — the logical resistance model under a context, therapies and
            miRNA mimics or inhibitors, with the cited chain behind each phenotype.
          </li>
          <li>
            <Link to="/analyses">Analyses</Link> — upload qPCR, RTCA, dose–response, synergy or expression
            data for tables and figures.
          </li>
          <li>
            <Link to="/curation">Curation</Link> — review the statements the reader proposes from papers.
          </li>
        </ul>
      </section>

      {health.data ? (
        <section aria-labelledby="store-heading">
          <h2 id="store-heading">The store</h2>
          <dl className="counts">
            {COUNTED.filter((k) => health.data!.counts[k] !== undefined).map((k) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{health.data!.counts[k]!.toLocaleString('en')}</dd>
              </div>
            ))}
          </dl>
          <p className="muted">
            miResist {health.data.version} · {health.data.store.kind} store
            {health.data.format_version ? ` · format ${health.data.format_version}` : ''}
            {health.data.writes_enabled ? '' : ' · curation writes disabled (no API token configured)'}
          </p>
        </section>
      ) : health.error ? (
        <p className="muted">The API did not answer: {health.error.message}</p>
      ) : null}
    </div>
  );
}
