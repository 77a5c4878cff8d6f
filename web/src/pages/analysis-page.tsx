/** `/analyses/:kind`: upload a file with the analysis options → warnings, tables (CSV) and figures (SVG). */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { AnalysisResponse } from '../../../src/api/contract.js';
import { DataTable, SvgFigure } from '../components/data-table.js';
import { ProblemMessage } from '../components/status-messages.js';
import { useDocumentTitle, useRequest } from '../hooks/use-api.js';
import { api } from '../lib/api-client.js';
import {
  analysisDefinition,
  analysisFormFields,
  analysisFormProblems,
  initialOptionValues,
  titleFromKey,
  type AnalysisDefinition,
  type OptionField,
} from '../lib/analysis-forms.js';
import { safeFileStem, textDataUrl } from '../lib/download.js';
import { NotFoundPage } from './not-found-page.js';

export function AnalysisPage() {
  const { kind } = useParams();
  const definition = analysisDefinition(kind);
  if (!definition) return <NotFoundPage />;
  // a fresh form per analysis kind
  return <AnalysisForm key={definition.kind} definition={definition} />;
}

function AnalysisForm({ definition }: { definition: AnalysisDefinition }) {
  useDocumentTitle(definition.title);
  const [file, setFile] = useState<File | null>(null);
  const [extraFiles, setExtraFiles] = useState<Record<string, File | null>>({});
  const [values, setValues] = useState(() => initialOptionValues(definition));
  const [showProblems, setShowProblems] = useState(false);
  const request = useRequest<AnalysisResponse>();
  const problems = analysisFormProblems(definition, values, file !== null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShowProblems(true);
    if (problems.length || !file) return;
    const form = new FormData();
    for (const [name, value] of analysisFormFields(definition, values)) form.append(name, value);
    for (const [name, extra] of Object.entries(extraFiles)) if (extra) form.append(name, extra, extra.name);
    // the main file last: a multipart reader that stops at the first file still sees every option
    form.append('file', file, file.name);
    void request.run(() => api.analyse(definition.kind, form));
  };

  const state = request.state;
  const stem = safeFileStem(`${definition.kind}-${file?.name.replace(/\.[^.]+$/, '') ?? 'result'}`);
  return (
    <div className="analysis-page">
      <p className="kicker">
        <Link to="/analyses">Analyses</Link>
      </p>
      <h1>{definition.title}</h1>
      <p className="lead">{definition.summary}</p>
      <form className="analysis-form" onSubmit={submit} aria-label={definition.title}>
        <div className="field">
          <label htmlFor="analysis-file">Data file</label>
          <input
            id="analysis-file"
            data-testid="analysis-file"
            type="file"
            accept={definition.accept}
            aria-describedby="analysis-file-help"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
          <p id="analysis-file-help" className="help">
            {definition.fileHelp}
          </p>
        </div>
        {definition.fields.map((field) => (
          <OptionInput
            key={field.name}
            field={field}
            value={values[field.name] ?? ''}
            onChange={(value) => setValues((v) => ({ ...v, [field.name]: value }))}
            onFile={(f) => setExtraFiles((files) => ({ ...files, [field.name]: f }))}
          />
        ))}
        {showProblems && problems.length ? (
          <ul className="form-problems" role="alert">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : null}
        <div className="actions">
          <button type="submit" data-testid="analysis-run" disabled={state.status === 'running'}>
            {state.status === 'running' ? 'Analysing…' : 'Run analysis'}
          </button>
        </div>
      </form>

      {state.status === 'error' ? <ProblemMessage error={state.error} /> : null}
      {state.status === 'done' ? <AnalysisResult result={state.data} stem={stem} /> : null}
    </div>
  );
}

function OptionInput({
  field,
  value,
  onChange,
  onFile,
}: {
  field: OptionField;
  value: string;
  onChange: (value: string) => void;
  onFile: (file: File | null) => void;
}) {
  const id = `option-${field.name}`;
  const helpId = field.help ? `${id}-help` : undefined;
  const help = field.help ? (
    <p id={helpId} className="help">
      {field.help}
    </p>
  ) : null;
  if (field.kind === 'checkbox')
    return (
      <div className="field checkbox">
        <input
          id={id}
          data-testid={`analysis-option-${field.name}`}
          type="checkbox"
          checked={value === 'true'}
          onChange={(event) => onChange(event.target.checked ? 'true' : 'false')}
          aria-describedby={helpId}
        />
        <label htmlFor={id}>{field.label}</label>
        {help}
      </div>
    );
  return (
    <div className="field">
      <label htmlFor={id}>
        {field.label}
        {field.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {field.kind === 'select' ? (
        <select
          id={id}
          data-testid={`analysis-option-${field.name}`}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={helpId}
        >
          {field.choices?.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      ) : field.kind === 'file' ? (
        <input
          id={id}
          data-testid={`analysis-option-${field.name}`}
          type="file"
          accept=".csv,.tsv,.txt"
          onChange={(event) => onFile(event.target.files?.[0] ?? null)}
          aria-describedby={helpId}
        />
      ) : (
        <input
          id={id}
          data-testid={`analysis-option-${field.name}`}
          type="text"
          value={value}
          placeholder={field.placeholder}
          required={field.required}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={helpId}
        />
      )}
      {help}
    </div>
  );
}

function AnalysisResult({ result, stem }: { result: AnalysisResponse; stem: string }) {
  const tables = Object.entries(result.tables);
  const figures = Object.entries(result.figures);
  return (
    <section className="analysis-result" aria-labelledby="result-heading">
      <h2 id="result-heading">Result: {titleFromKey(result.analysis)}</h2>
      {result.warnings.length ? (
        <div className="warnings" role="status">
          <h3>Warnings</h3>
          <ul>
            {result.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p>
        <a
          className="button-link secondary"
          href={textDataUrl(JSON.stringify(result.result, null, 2), 'application/json')}
          download={`${stem}.json`}
        >
          Download the JSON result
        </a>
      </p>
      {figures.length ? (
        <div className="figures">
          {figures.map(([name, svg]) => (
            <SvgFigure key={name} name={name} svg={svg} fileStem={stem} />
          ))}
        </div>
      ) : null}
      {tables.map(([name, table]) => (
        <DataTable key={name} name={name} table={table} fileStem={stem} />
      ))}
    </section>
  );
}
