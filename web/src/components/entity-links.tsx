/** A comma-separated list of links to entity pages. */
import { Link } from 'react-router';
import { entityHref } from '../lib/statement-format.js';

export function EntityLinks({ kind, ids }: { kind: 'mirna' | 'gene' | 'therapy'; ids: readonly string[] }) {
  return (
    <>
      {ids.map((id, i) => (
        <span key={id}>
          {i ? ', ' : ''}
          <Link to={entityHref(kind, id)}>{id}</Link>
        </span>
      ))}
    </>
  );
}
