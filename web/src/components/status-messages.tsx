/** Loading, empty and error states, with the problem's issues and "did you mean" candidates. */
import { Link } from 'react-router';
import { formatIssue, type ApiError } from '../lib/api-client.js';

/** A polite "Loading …" status line. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="status" role="status">
      Loading {what}…
    </p>
  );
}

/** True when the detail only repeats the issues (validation problems list them in both). */
function issuesRepeatDetail(error: ApiError): boolean {
  return error.issues.length > 0 && error.issues.every((issue) => error.detail?.includes(issue.message));
}

/** A server problem: title, detail, each issue as `file:line: field: message`, candidates as links. */
export function ProblemMessage({
  error,
  candidateHref,
}: {
  error: ApiError;
  candidateHref?: (candidate: string) => string;
}) {
  return (
    <div className="problem" role="alert">
      <p className="problem-title">
        <strong>{error.title}</strong>
        {error.status ? <span className="problem-status"> (HTTP {error.status})</span> : null}
      </p>
      {error.detail && !issuesRepeatDetail(error) ? <p>{error.detail}</p> : null}
      {error.issues.length ? (
        <ul className="problem-issues" aria-label="Problems">
          {error.issues.map((issue, i) => (
            <li key={i}>
              <code>{formatIssue(issue)}</code>
            </li>
          ))}
        </ul>
      ) : null}
      {error.candidates.length ? (
        <p>
          Did you mean{' '}
          {error.candidates.map((c, i) => (
            <span key={c}>
              {i ? ', ' : ''}
              {candidateHref ? <Link to={candidateHref(c)}>{c}</Link> : <code>{c}</code>}
            </span>
          ))}
          ?
        </p>
      ) : null}
    </div>
  );
}
