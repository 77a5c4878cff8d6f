/** An entity page's frame: the report of the name in the URL, loading and problem states, then its view. */
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { useApiGet, useDocumentTitle } from '../hooks/use-api.js';
import { apiPath } from '../lib/api-client.js';
import { entityHref } from '../lib/statement-format.js';
import { Loading, ProblemMessage } from './status-messages.js';

export function EntityReportPage<R>({
  kind,
  title,
  render,
}: {
  kind: 'mirna' | 'gene' | 'therapy';
  /** the canonical name, for the document title */
  title: (report: R) => string;
  render: (report: R) => ReactNode;
}) {
  const { name = '' } = useParams();
  const report = useApiGet<R>(name ? apiPath(`/api/${kind}`, name) : null);
  useDocumentTitle(report.data ? title(report.data) : name);
  if (report.error)
    return (
      <div>
        <h1>{name}</h1>
        <ProblemMessage error={report.error} candidateHref={(c) => entityHref(kind, c)} />
      </div>
    );
  if (!report.data) return <Loading what={name} />;
  return render(report.data);
}
