/** An explaining chain as a nested list: each step's value and reason, the cited edge, its quote on request. */
import type { ExplanationStep } from '../../../src/api/contract.js';
import { buildChainTree, edgeText, stepText, type ChainNode } from '../lib/simulation.js';

export function ChainTree({ steps }: { steps: readonly ExplanationStep[] }) {
  const roots = buildChainTree(steps);
  if (!roots.length) return <p className="muted">No chain was returned.</p>;
  return <ChainLevel nodes={roots} />;
}

function ChainLevel({ nodes }: { nodes: ChainNode[] }) {
  return (
    <ul className="chain">
      {nodes.map((node, i) => (
        <li key={`${node.step.node}-${i}`}>
          <ChainStep step={node.step} />
          {node.children.length ? <ChainLevel nodes={node.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

function ChainStep({ step }: { step: ExplanationStep }) {
  const edge = step.edge;
  return (
    <div className={`chain-step value-${step.value >= 1 ? 'on' : step.value <= 0 ? 'off' : 'partial'}`}>
      <span className="chain-text">{stepText(step)}</span>
      {edge ? (
        <span className="chain-edge">
          {' '}
          — via <strong>{edgeText(edge)}</strong> <span className="muted">· {edge.source}</span>
          {edge.quote || edge.statementId ? (
            <details className="chain-quote">
              <summary>evidence</summary>
              {edge.quote ? <blockquote data-testid="evidence-quote">{edge.quote}</blockquote> : null}
              {edge.statementId ? <p className="muted">statement {edge.statementId}</p> : null}
            </details>
          ) : null}
        </span>
      ) : null}
    </div>
  );
}
