/** Routes of the web app; the network page (Cytoscape.js) loads on demand to keep the first download small. */
import { lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AppLayout } from './components/app-layout.js';
import { AnalysesPage } from './pages/analyses-page.js';
import { AnalysisPage } from './pages/analysis-page.js';
import { CurationPage } from './pages/curation-page.js';
import { GenePage } from './pages/gene-page.js';
import { HomePage } from './pages/home-page.js';
import { MirnaPage } from './pages/mirna-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { SearchPage } from './pages/search-page.js';
import { SimulatePage } from './pages/simulate-page.js';
import { TherapyPage } from './pages/therapy-page.js';

const NetworkPage = lazy(() => import('./pages/network-page.js').then((m) => ({ default: m.NetworkPage })));

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<AppLayout />}>
          <Route index element={<HomePage />} />
          <Route path="search" element={<SearchPage />} />
          <Route path="mirna/:name" element={<MirnaPage />} />
          <Route path="gene/:name" element={<GenePage />} />
          <Route path="therapy/:name" element={<TherapyPage />} />
          <Route path="network" element={<NetworkPage />} />
          <Route path="simulate" element={<SimulatePage />} />
          <Route path="analyses" element={<AnalysesPage />} />
          <Route path="analyses/:kind" element={<AnalysisPage />} />
          <Route path="curation" element={<CurationPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
