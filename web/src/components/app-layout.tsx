/** The frame of every page: skip link, brand, labelled navigation, the search box, and the page itself. */
import { Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { SearchBox } from './search-box.js';
import { Loading } from './status-messages.js';

const NAV_LINKS = [
  { to: '/network', label: 'Network' },
  { to: '/simulate', label: 'Simulate' },
  { to: '/analyses', label: 'Analyses' },
  { to: '/curation', label: 'Curation' },
];

export function AppLayout() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="brand" aria-label="miResist home">
          mi<span>Resist</span>
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV_LINKS.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to}>{link.label}</NavLink>
              </li>
            ))}
            <li>
              <a href="/api/docs">API docs</a>
            </li>
          </ul>
        </nav>
        <SearchBox />
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading what="the page" />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>
          miResist — microRNA-mediated therapy resistance in breast cancer. Every statement carries its
          verbatim evidence and source.
        </p>
      </footer>
    </>
  );
}
