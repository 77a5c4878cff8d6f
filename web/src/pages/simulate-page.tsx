/** `/simulate`: the logical resistance model under a context, therapies, mimics and inhibitors; and the miRNA screen. */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { ModelInfo, ScreenResponse, SimulateResponse } from '../../../src/api/contract.js';
import { ChainTree } from '../components/chain-tree.js';
import { MultiSelect } from '../components/multi-select.js';
import { Loading, ProblemMessage } from '../components/status-messages.js';
import { useApiGet, useDocumentTitle, useRequest } from '../hooks/use-api.js';
import { api } from '../lib/api-client.js';
import {
  KEY_PHENOTYPES,
  buildScreenRequest,
  buildSimulateRequest,
  formatDelta,
  formatPhenotype,
  initialSimulationForm,
  nodeLabel,
  simulationFormProblems,
  type SimulationForm,
} from '../lib/simulation.js';
import { entityHref } from '../lib/statement-format.js';

export function SimulatePage() {
  useDocumentTitle('Simulate');
  const model = useApiGet<ModelInfo>('/api/model');
  const [draft, setDraft] = useState<SimulationForm | undefined>(undefined);
  const simulation = useRequest<SimulateResponse>();
  const screen = useRequest<ScreenResponse>();
  const [showProblems, setShowProblems] = useState(false);

  if (model.error)
    return (
      <div>
        <h1>Simulate</h1>
        <ProblemMessage error={model.error} />
      </div>
    );
  if (!model.data) return <Loading what="the model" />;
  const info = model.data;
  const form = draft ?? initialSimulationForm(info);
  const set = (change: Partial<SimulationForm>) => setDraft({ ...form, ...change });
  const problems = simulationFormProblems(form);
  const context = info.contexts.find((c) => c.id === form.context);
  const mirnaOptions = info.mirnas.map((m) => ({ value: m.mirna, label: m.mirna }));
  const screenRequest = buildScreenRequest(form);

  const run = (event: FormEvent) => {
    event.preventDefault();
    setShowProblems(true);
    if (problems.length) return;
    void simulation.run(() => api.simulate(buildSimulateRequest(form, info.phenotypes)));
  };
  const runScreen = () => {
    if (screenRequest) void screen.run(() => api.screen(screenRequest));
  };

  return (
    <div className="simulate-page">
      <h1>Simulate</h1>
      <p className="lead">
        The logical model of resistance signalling, with every rule citing its source. Choose a cell context,
        the therapies given and miRNA mimics or inhibitors; the model runs to its attractor and explains each
        phenotype through the chain of cited rules behind it.
      </p>
      <form className="sim-form" onSubmit={run} aria-label="Simulation">
        <div className="field">
          <label htmlFor="sim-context">Context</label>
          <select
            id="sim-context"
            data-testid="sim-context"
            value={form.context}
            onChange={(event) => set({ context: event.target.value })}
          >
            {info.contexts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.id} — {c.description}
              </option>
            ))}
          </select>
          {context ? (
            <p className="help">
              subtype {context.subtype}
              {context.resistantTo ? ` · resistant to ${context.resistantTo}` : ''}
              {context.mirnasOn.length ? ` · miRNAs on: ${context.mirnasOn.join(', ')}` : ''}
            </p>
          ) : null}
        </div>
        <MultiSelect
          label="Therapies"
          testId="sim-therapy"
          options={info.therapies.map((t) => ({ value: t.therapy, label: t.therapy }))}
          value={form.therapies}
          onChange={(therapies) => set({ therapies })}
          help="No therapy: untreated"
        />
        <MultiSelect
          label="miRNA mimics"
          testId="sim-mimic"
          options={mirnaOptions}
          value={form.mimics}
          onChange={(mimics) => set({ mimics })}
          size={8}
        />
        <MultiSelect
          label="miRNA inhibitors"
          testId="sim-inhibitor"
          options={mirnaOptions}
          value={form.inhibitors}
          onChange={(inhibitors) => set({ inhibitors })}
          size={8}
        />
        {showProblems && problems.length ? (
          <ul className="form-problems" role="alert">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : null}
        <div className="actions">
          <button type="submit" data-testid="sim-run" disabled={simulation.state.status === 'running'}>
            {simulation.state.status === 'running' ? 'Running…' : 'Run simulation'}
          </button>
          <button
            type="button"
            className="secondary"
            data-testid="sim-screen"
            onClick={runScreen}
            disabled={!screenRequest || screen.state.status === 'running'}
            aria-describedby="screen-help"
          >
            {screen.state.status === 'running' ? 'Screening…' : 'Screen all miRNAs'}
          </button>
          <span id="screen-help" className="help">
            {screenRequest
              ? 'Every mimic and inhibitor under the chosen therapies and context, ranked.'
              : 'Choose a therapy to screen.'}
          </span>
        </div>
      </form>

      {simulation.state.status === 'error' ? <ProblemMessage error={simulation.state.error} /> : null}
      {simulation.state.status === 'done' ? <SimulationResult result={simulation.state.data} /> : null}

      {screen.state.status === 'error' ? <ProblemMessage error={screen.state.error} /> : null}
      {screen.state.status === 'done' ? <ScreenResult result={screen.state.data} /> : null}
    </div>
  );
}

function SimulationResult({ result }: { result: SimulateResponse }) {
  const explained = [
    ...KEY_PHENOTYPES.filter((p) => result.explanations[p]),
    ...Object.keys(result.explanations).filter((p) => !KEY_PHENOTYPES.includes(p)),
  ];
  return (
    <section className="sim-result" aria-labelledby="sim-result-heading">
      <h2 id="sim-result-heading">Outcome in {result.context}</h2>
      <ul className="phenotypes" aria-label="Phenotypes">
        {Object.entries(result.phenotypes).map(([name, value]) => {
          const badge = formatPhenotype(value);
          return (
            <li
              key={name}
              data-testid={`sim-phenotype-${name}`}
              data-state={badge.state}
              className={`phenotype phenotype-${badge.state}`}
            >
              <span className="phenotype-name">{nodeLabel(name)}</span>{' '}
              <span className="phenotype-value">{badge.text}</span>
            </li>
          );
        })}
      </ul>
      <p className="muted">
        {result.perturbations.length
          ? `Perturbations: ${result.perturbations.map((p) => p.label ?? `${p.node}=${p.level}`).join(', ')}. `
          : 'No perturbation. '}
        {result.attractor.kind === 'fixed'
          ? `Reached a fixed point after ${result.steps} steps.`
          : `Reached a cycle of ${result.attractor.size} states after ${result.steps} steps; values are the fraction of the cycle on.`}
      </p>
      <div data-testid="sim-chain" className="chains">
        <h3 className="visually-hidden">Explaining chains</h3>
        {explained.map((node) => (
          <details key={node} open={KEY_PHENOTYPES.includes(node)} className="chain-block">
            <summary>
              Why {nodeLabel(node)} is {formatPhenotype(result.phenotypes[node] ?? result.values[node]).text}
            </summary>
            <ChainTree steps={result.explanations[node] ?? []} />
          </details>
        ))}
      </div>
    </section>
  );
}

function ScreenResult({ result }: { result: ScreenResponse }) {
  return (
    <section className="screen-result" aria-labelledby="screen-heading">
      <h2 id="screen-heading">
        Screen: {result.therapies.join(' + ')} in {result.context}
      </h2>
      <p className="muted">
        Baseline:{' '}
        {Object.entries(result.baseline)
          .map(([k, v]) => `${nodeLabel(k)} ${formatPhenotype(v).text}`)
          .join(', ')}
        . Score = ΔApoptosis − ΔProliferation; positive re-sensitises.
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Screen results">
        <table data-testid="sim-screen-table">
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">miRNA</th>
              <th scope="col">Perturbation</th>
              <th scope="col">Effect</th>
              <th scope="col">Proliferation</th>
              <th scope="col">Apoptosis</th>
              <th scope="col">Score</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {result.entries.map((e, i) => (
              <tr key={`${e.mirna}-${e.perturbation}`} className={`effect-${e.effect.replace(/\s+/g, '-')}`}>
                <td className="num">{i + 1}</td>
                <td>
                  <Link to={entityHref('mirna', e.mirna)}>{e.mirna}</Link>
                </td>
                <td>{e.perturbation}</td>
                <td>{e.effect}</td>
                <td>
                  {formatPhenotype(e.proliferation).text} ({formatDelta(e.deltaProliferation)})
                </td>
                <td>
                  {formatPhenotype(e.apoptosis).text} ({formatDelta(e.deltaApoptosis)})
                </td>
                <td className="num">{formatDelta(e.score)}</td>
                <td>
                  {e.explanationText.length ? (
                    <details>
                      <summary>chain</summary>
                      <pre className="chain-text-block">{e.explanationText.join('\n')}</pre>
                    </details>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
