/** The sources a report cites, with DOI/PubMed links built from their identifiers. */
import { sourceLinks, type Source } from '../lib/source-labels.js';

export function SourceList({ sources }: { sources: readonly Source[] }) {
  if (!sources.length) return null;
  return (
    <section aria-labelledby="sources-heading" className="sources">
      <h2 id="sources-heading">Sources</h2>
      <ol>
        {sources.map((s) => (
          <li key={s.id} id={`source-${s.id}`}>
            <span className="source-title">{s.title}</span>
            {s.authors ? <span> · {s.authors}</span> : null}
            {s.journal ? <span> · {s.journal}</span> : null}
            {s.year ? <span> · {s.year}</span> : null}
            <span className="muted"> · {s.id}</span>
            {sourceLinks(s).map((link) => (
              <span key={link.href}>
                {' · '}
                <a href={link.href} target="_blank" rel="noreferrer noopener">
                  {link.label}
                </a>
              </span>
            ))}
          </li>
        ))}
      </ol>
    </section>
  );
}
