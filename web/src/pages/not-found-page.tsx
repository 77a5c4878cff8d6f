/** Any other path. */
import { Link } from 'react-router';
import { useDocumentTitle } from '../hooks/use-api.js';

export function NotFoundPage() {
  useDocumentTitle('Not found');
  return (
    <div>
      <h1>Page not found</h1>
      <p>
        Try the search box above, or go to the <Link to="/">start page</Link>.
      </p>
    </div>
  );
}
