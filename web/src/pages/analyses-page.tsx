/** `/analyses`: the lab-data analyses, each with its page. */
import { Link } from 'react-router';
import { useDocumentTitle } from '../hooks/use-api.js';
import { ANALYSIS_DEFINITIONS } from '../lib/analysis-forms.js';

export function AnalysesPage() {
  useDocumentTitle('Analyses');
  return (
    <div>
      <h1>Analyses</h1>
      <p className="lead">
        Upload lab data and get tidy tables (CSV) and figures (SVG), computed as the reference R packages do.
        Significant miRNA changes are looked up in the knowledge graph.
      </p>
      <ul className="card-list">
        {ANALYSIS_DEFINITIONS.map((d) => (
          <li key={d.kind} className="card">
            <h2>
              <Link to={`/analyses/${d.kind}`}>{d.title}</Link>
            </h2>
            <p>{d.summary}</p>
            <p className="muted">{d.fileHelp}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
