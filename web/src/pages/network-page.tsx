/** `/network`: the graph in Cytoscape.js, filtered server-side by therapy, predicate, evidence, context and centre. */
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { NetworkEdge, NetworkNode, NetworkResponse } from '../../../src/api/contract.js';
import {
  NetworkCanvas,
  type NetworkCanvasHandle,
  type NetworkSelection,
} from '../components/network-canvas.js';
import { ProblemMessage } from '../components/status-messages.js';
import { downloadText, downloadUrl } from '../components/trigger-download.js';
import { useApiGet, useDocumentTitle } from '../hooks/use-api.js';
import { safeFileStem } from '../lib/download.js';
import { buildGraphml } from '../lib/graphml.js';
import {
  LAYOUTS,
  countLabel,
  edgesOf,
  legendFor,
  parseNodeId,
  toCytoscapeElements,
  type LayoutName,
  type LegendEntry,
} from '../lib/network-elements.js';
import {
  MAX_DEPTH,
  exportHref,
  filtersFromSearch,
  filtersToSearch,
  networkQuery,
  type NetworkFilters,
} from '../lib/network-filters.js';
import { buildNetworkSvg } from '../lib/network-svg.js';
import { entityHref, experimentLabel, kindLabel, predicateLabel } from '../lib/statement-format.js';

const EMPTY_NETWORK: NetworkResponse = {
  nodes: [],
  edges: [],
  truncated: false,
  facets: { predicates: [], therapies: [], evidence: [], contexts: [] },
};

const TABLE_ROWS = 500;

export function NetworkPage() {
  useDocumentTitle('Network');
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const filters = useMemo(() => filtersFromSearch(params), [params]);
  const query = networkQuery(filters);
  const result = useApiGet<NetworkResponse>(`/api/network?${query}`);
  const network = result.data ?? (result.loading ? result.latest : undefined) ?? EMPTY_NETWORK;
  const elements = useMemo(() => toCytoscapeElements(network), [network]);
  const legend = useMemo(() => legendFor(network), [network]);
  const [layout, setLayout] = useState<LayoutName>('cose');
  const [selection, setSelection] = useState<NetworkSelection>(null);
  const [centreDraft, setCentreDraft] = useState<{ for: string; text: string }>({ for: '', text: '' });
  const canvas = useRef<NetworkCanvasHandle>(null);

  // the centre box edits a draft until applied; a new URL centre replaces the draft
  const centreText = centreDraft.for === filters.center ? centreDraft.text : filters.center;
  const update = (change: Partial<NetworkFilters>) => {
    setSelection(null);
    setParams(filtersToSearch({ ...filters, ...change }));
  };
  const applyCentre = (event: FormEvent) => {
    event.preventDefault();
    update({ center: centreText.trim() });
  };

  const facets = result.data?.facets ?? result.latest?.facets ?? EMPTY_NETWORK.facets;
  const stem = safeFileStem(['miresist-network', filters.center, filters.therapy].filter(Boolean).join('-'));
  const selectedNode =
    selection?.type === 'node' ? network.nodes.find((n) => n.id === selection.id) : undefined;
  const selectedEdge =
    selection?.type === 'edge' ? network.edges.find((e) => e.id === selection.id) : undefined;
  const nodesByLabel = useMemo(
    () => [...network.nodes].sort((a, b) => a.label.localeCompare(b.label)),
    [network],
  );
  const labelOf = useMemo(() => new Map(network.nodes.map((n) => [n.id, n.label])), [network]);

  return (
    <div className="network-page">
      <h1>Network</h1>
      <form className="filters" onSubmit={applyCentre} aria-label="Network filters">
        <div className="field">
          <label htmlFor="network-center">Centre on (any name)</label>
          <div className="inline">
            <input
              id="network-center"
              data-testid="network-filter-center"
              type="text"
              value={centreText}
              placeholder="whole graph, or e.g. miR-21, PTEN"
              onChange={(event) => setCentreDraft({ for: filters.center, text: event.target.value })}
            />
            <button type="submit">Apply</button>
          </div>
        </div>
        <div className="field">
          <label htmlFor="network-depth">Depth</label>
          <select
            id="network-depth"
            data-testid="network-filter-depth"
            value={filters.depth}
            disabled={!filters.center}
            onChange={(event) => update({ depth: Number(event.target.value) })}
          >
            {Array.from({ length: MAX_DEPTH }, (_, i) => i + 1).map((d) => (
              <option key={d} value={d}>
                {d} {d === 1 ? 'hop' : 'hops'}
              </option>
            ))}
          </select>
        </div>
        <FacetSelect
          id="therapy"
          label="Therapy"
          value={filters.therapy}
          options={facets.therapies}
          onChange={(therapy) => update({ therapy })}
        />
        <FacetSelect
          id="predicate"
          label="Predicate"
          value={filters.predicate}
          options={facets.predicates}
          optionLabel={predicateLabel}
          onChange={(predicate) => update({ predicate })}
        />
        <FacetSelect
          id="evidence"
          label="Evidence"
          value={filters.evidence}
          options={facets.evidence}
          optionLabel={experimentLabel}
          onChange={(evidence) => update({ evidence })}
        />
        <FacetSelect
          id="context"
          label="Context"
          value={filters.context}
          options={facets.contexts}
          onChange={(context) => update({ context })}
        />
        <div className="field">
          <label htmlFor="network-layout">Layout</label>
          <select
            id="network-layout"
            data-testid="network-layout"
            value={layout}
            onChange={(event) => setLayout(event.target.value as LayoutName)}
          >
            {LAYOUTS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-end">
          <button type="button" className="secondary" onClick={() => setParams(new URLSearchParams())}>
            Reset filters
          </button>
        </div>
      </form>

      <p className="network-status">
        <span data-testid="network-count">{countLabel(network.nodes.length, network.edges.length)}</span>
        {network.truncated ? (
          <span className="warning"> · truncated: narrow the filters to see every statement</span>
        ) : null}
        <span role="status" className="muted">
          {result.loading ? ' · loading…' : ''}
        </span>
      </p>
      {result.error ? <ProblemMessage error={result.error} /> : null}

      <div className="network-layout">
        <NetworkCanvas
          ref={canvas}
          elements={elements}
          layout={layout}
          selected={selection}
          onSelect={setSelection}
          onOpen={(nodeId) => {
            const { kind, id } = parseNodeId(nodeId);
            navigate(entityHref(kind, id));
          }}
          label={`Network graph, ${countLabel(network.nodes.length, network.edges.length)}. Choose a node below or read the statements table.`}
        />
        <aside className="network-side" aria-label="Selection and legend">
          <div className="field">
            <label htmlFor="network-inspect">Inspect node</label>
            <select
              id="network-inspect"
              value={selectedNode?.id ?? ''}
              onChange={(event) =>
                setSelection(event.target.value ? { type: 'node', id: event.target.value } : null)
              }
            >
              <option value="">— choose —</option>
              {nodesByLabel.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.label} ({kindLabel(n.kind)})
                </option>
              ))}
            </select>
          </div>
          {selectedNode ? (
            <NodePanel node={selectedNode} edges={edgesOf(network, selectedNode.id)} labelOf={labelOf} />
          ) : selectedEdge ? (
            <EdgePanel edge={selectedEdge} labelOf={labelOf} />
          ) : (
            <p className="muted">
              Click a node or an edge for details; double-click a node to open its page.
            </p>
          )}
          <Legend kinds={legend.kinds} predicates={legend.predicates} />
        </aside>
      </div>

      <div className="export-bar" role="group" aria-label="Export">
        <span>Export:</span>
        <button type="button" onClick={() => downloadUrl(canvas.current?.png() ?? '', `${stem}.png`)}>
          PNG
        </button>
        <button
          type="button"
          onClick={() =>
            downloadText(
              buildNetworkSvg(network, canvas.current?.positions() ?? new Map()),
              'image/svg+xml',
              `${stem}.svg`,
            )
          }
        >
          SVG
        </button>
        <button
          type="button"
          onClick={() => downloadText(buildGraphml(network), 'application/graphml+xml', `${stem}.graphml`)}
        >
          GraphML
        </button>
        <a className="button-link secondary" href={exportHref('tsv', filters)}>
          Statements (TSV)
        </a>
      </div>

      <details className="edge-table">
        <summary>Statements in this view as a table ({network.edges.length})</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Statements in this view">
          <table>
            <thead>
              <tr>
                <th scope="col">Subject</th>
                <th scope="col">Predicate</th>
                <th scope="col">Object</th>
                <th scope="col">Therapy</th>
                <th scope="col">Evidence</th>
                <th scope="col">Quotes</th>
              </tr>
            </thead>
            <tbody>
              {network.edges.slice(0, TABLE_ROWS).map((e) => (
                <tr key={e.id}>
                  <td>
                    <NodeLink nodeId={e.source} labelOf={labelOf} />
                  </td>
                  <td>{predicateLabel(e.predicate)}</td>
                  <td>
                    <NodeLink nodeId={e.target} labelOf={labelOf} />
                  </td>
                  <td>{e.therapy ?? ''}</td>
                  <td>{e.evidence.map(experimentLabel).join(', ')}</td>
                  <td className="num">{e.quotes}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {network.edges.length > TABLE_ROWS ? (
          <p className="muted">The first {TABLE_ROWS} are listed; the TSV export has them all.</p>
        ) : null}
      </details>
    </div>
  );
}

function FacetSelect({
  id,
  label,
  value,
  options,
  optionLabel,
  onChange,
}: {
  id: 'therapy' | 'predicate' | 'evidence' | 'context';
  label: string;
  value: string;
  options: readonly string[];
  optionLabel?: (value: string) => string;
  onChange: (value: string) => void;
}) {
  const all = value && !options.includes(value) ? [value, ...options] : options;
  return (
    <div className="field">
      <label htmlFor={`network-${id}`}>{label}</label>
      <select
        id={`network-${id}`}
        data-testid={`network-filter-${id}`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">any</option>
        {all.map((o) => (
          <option key={o} value={o}>
            {optionLabel ? optionLabel(o) : o}
          </option>
        ))}
      </select>
    </div>
  );
}

function NodeLink({ nodeId, labelOf }: { nodeId: string; labelOf: Map<string, string> }) {
  const { kind, id } = parseNodeId(nodeId);
  return <Link to={entityHref(kind, id)}>{labelOf.get(nodeId) ?? id}</Link>;
}

function NodePanel({
  node,
  edges,
  labelOf,
}: {
  node: NetworkNode;
  edges: NetworkEdge[];
  labelOf: Map<string, string>;
}) {
  const { kind, id } = parseNodeId(node.id);
  return (
    <section className="panel" aria-label={`Selected ${kindLabel(node.kind)}`}>
      <h2>
        {node.label} <span className={`kind-badge kind-${node.kind}`}>{kindLabel(node.kind)}</span>
      </h2>
      <p>
        <Link to={entityHref(kind, id)}>
          {kind === 'pathway' ? 'Centre the network here' : `Open the ${kindLabel(node.kind)} page`}
        </Link>
      </p>
      <p className="muted">
        {edges.length} {edges.length === 1 ? 'statement' : 'statements'} in this view (degree {node.degree})
      </p>
      <ul className="compact">
        {edges.slice(0, 30).map((e) => (
          <li key={e.id}>
            {labelOf.get(e.source) ?? e.source} {predicateLabel(e.predicate)}{' '}
            {labelOf.get(e.target) ?? e.target}
            {e.therapy && e.target !== `therapy:${e.therapy}` ? ` [${e.therapy}]` : ''}
          </li>
        ))}
      </ul>
      {edges.length > 30 ? <p className="muted">…and {edges.length - 30} more.</p> : null}
    </section>
  );
}

function EdgePanel({ edge, labelOf }: { edge: NetworkEdge; labelOf: Map<string, string> }) {
  const subject = parseNodeId(edge.source);
  return (
    <section className="panel" aria-label="Selected statement">
      <h2>
        <NodeLink nodeId={edge.source} labelOf={labelOf} /> {predicateLabel(edge.predicate)}{' '}
        <NodeLink nodeId={edge.target} labelOf={labelOf} />
      </h2>
      <dl className="facts compact">
        {edge.therapy ? (
          <div>
            <dt>Therapy</dt>
            <dd>{edge.therapy}</dd>
          </div>
        ) : null}
        {edge.contexts.length ? (
          <div>
            <dt>Contexts</dt>
            <dd>{edge.contexts.join(' | ')}</dd>
          </div>
        ) : null}
        <div>
          <dt>Evidence</dt>
          <dd>{edge.evidence.length ? edge.evidence.map(experimentLabel).join(', ') : 'not typed'}</dd>
        </div>
        <div>
          <dt>Sources</dt>
          <dd>{edge.sources.join(', ')}</dd>
        </div>
        <div>
          <dt>Quotes</dt>
          <dd>{edge.quotes}</dd>
        </div>
        <div>
          <dt>Statement</dt>
          <dd>{edge.id}</dd>
        </div>
      </dl>
      <p>
        <Link to={entityHref(subject.kind, subject.id)}>
          Read the quotes on the {labelOf.get(edge.source) ?? subject.id} page
        </Link>
      </p>
    </section>
  );
}

function Legend({ kinds, predicates }: { kinds: LegendEntry[]; predicates: LegendEntry[] }) {
  return (
    <section className="legend" aria-label="Legend">
      <h2>Legend</h2>
      <ul>
        {kinds.map((k) => (
          <li key={k.key}>
            <span className={`swatch shape-${k.key}`} style={{ background: k.colour }} aria-hidden="true" />{' '}
            {k.label}
          </li>
        ))}
        {predicates.map((p) => (
          <li key={p.key}>
            <span className="swatch-line" style={{ background: p.colour }} aria-hidden="true" /> {p.label}
          </li>
        ))}
      </ul>
    </section>
  );
}
