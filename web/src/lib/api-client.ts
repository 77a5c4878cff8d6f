/** The web app's HTTP client: relative `/api/...` calls, RFC 9457 problem+json turned into an ApiError. */
import type {
  AnalysisKind,
  AnalysisResponse,
  GeneReport,
  Health,
  MirnaReport,
  ModelInfo,
  NetworkResponse,
  Problem,
  Proposal,
  ScreenResponse,
  SearchResponse,
  SimulateRequest,
  SimulateResponse,
  TherapyReport,
} from '../../../src/api/contract.js';

export type ProblemIssue = NonNullable<Problem['issues']>[number];

/** An API failure with the problem document's fields; status 0 means the server could not be reached. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly issues: ProblemIssue[];
  readonly candidates: string[];

  constructor(problem: {
    status: number;
    title: string;
    detail?: string;
    issues?: ProblemIssue[];
    candidates?: string[];
  }) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.issues = problem.issues ?? [];
    this.candidates = problem.candidates ?? [];
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toIssues(value: unknown): ProblemIssue[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((issue) => ({
    file: typeof issue['file'] === 'string' ? issue['file'] : undefined,
    line: typeof issue['line'] === 'number' ? issue['line'] : undefined,
    field: typeof issue['field'] === 'string' ? issue['field'] : undefined,
    message: typeof issue['message'] === 'string' ? issue['message'] : String(issue['message']),
  }));
}

/** Turns a failed response (problem+json, other JSON or plain text) into an ApiError. */
export async function problemFromResponse(response: Response): Promise<ApiError> {
  const fallbackTitle = `${response.status} ${response.statusText || 'error'}`.trim();
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (isRecord(body)) {
    const title =
      typeof body['title'] === 'string'
        ? body['title']
        : typeof body['error'] === 'string'
          ? body['error']
          : fallbackTitle;
    const detail =
      typeof body['detail'] === 'string'
        ? body['detail']
        : typeof body['message'] === 'string'
          ? body['message']
          : undefined;
    const candidates = Array.isArray(body['candidates'])
      ? body['candidates'].filter((c): c is string => typeof c === 'string')
      : [];
    return new ApiError({
      status: typeof body['status'] === 'number' ? body['status'] : response.status,
      title,
      detail,
      issues: toIssues(body['issues']),
      candidates,
    });
  }
  const isHtml = /^\s*</.test(text);
  return new ApiError({
    status: response.status,
    title: fallbackTitle,
    detail: text && !isHtml ? text.slice(0, 500) : undefined,
  });
}

/** One line per problem issue, as the CLI prints them: `file:line: field: message`. */
export function formatIssue(issue: ProblemIssue): string {
  const where = [issue.file, issue.line !== undefined ? String(issue.line) : undefined]
    .filter((part): part is string => part !== undefined && part !== '')
    .join(':');
  return [where, issue.field, issue.message].filter((part) => part !== undefined && part !== '').join(': ');
}

/** Any thrown value as an ApiError (network failures and bugs included), for display. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof Error)
    return new ApiError({ status: 0, title: 'Request failed', detail: error.message });
  return new ApiError({ status: 0, title: 'Request failed', detail: String(error) });
}

/** True for the error fetch raises when its AbortController fires. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** the operator's API token, sent as `Authorization: Bearer …` */
  token?: string;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The path of an entity route with the name encoded as one segment (`miR-221/222` stays one). */
export function apiPath(...segments: string[]): string {
  const [head, ...rest] = segments;
  return [head ?? '', ...rest.map((s) => encodeURIComponent(s))].join('/');
}

/** Builds the client over a fetch function (the browser's by default) and a base URL ('' = same origin). */
export function createApiClient(options: { baseUrl?: string; fetch?: Fetch } = {}) {
  const baseUrl = options.baseUrl ?? '';
  const doFetch: Fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function request<T>(path: string, init: RequestInit, opts: RequestOptions = {}): Promise<T> {
    const headers = new Headers(init.headers);
    headers.set('Accept', 'application/json, application/problem+json');
    if (opts.token) headers.set('Authorization', `Bearer ${opts.token}`);
    let response: Response;
    try {
      response = await doFetch(baseUrl + path, { ...init, headers, signal: opts.signal });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new ApiError({
        status: 0,
        title: 'The server could not be reached',
        detail: error instanceof Error ? error.message : String(error),
      });
    }
    if (!response.ok) throw await problemFromResponse(response);
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('json'))
      throw new ApiError({
        status: response.status,
        title: 'Unexpected response',
        detail: `${path} answered ${type || 'without a content type'}, not JSON`,
      });
    return (await response.json()) as T;
  }

  const getJson = <T>(path: string, opts?: RequestOptions) => request<T>(path, { method: 'GET' }, opts);
  const postJson = <T>(path: string, body: unknown, opts?: RequestOptions) =>
    request<T>(
      path,
      { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } },
      opts,
    );
  const postForm = <T>(path: string, form: FormData, opts?: RequestOptions) =>
    request<T>(path, { method: 'POST', body: form }, opts);

  return {
    getJson,
    postJson,
    postForm,
    health: (opts?: RequestOptions) => getJson<Health>('/api/health', opts),
    search: (q: string, limit: number, opts?: RequestOptions) =>
      getJson<SearchResponse>(`/api/search?${new URLSearchParams({ q, limit: String(limit) })}`, opts),
    mirna: (name: string, opts?: RequestOptions) => getJson<MirnaReport>(apiPath('/api/mirna', name), opts),
    gene: (name: string, opts?: RequestOptions) => getJson<GeneReport>(apiPath('/api/gene', name), opts),
    therapy: (name: string, opts?: RequestOptions) =>
      getJson<TherapyReport>(apiPath('/api/therapy', name), opts),
    network: (query: string, opts?: RequestOptions) =>
      getJson<NetworkResponse>(`/api/network${query ? `?${query}` : ''}`, opts),
    model: (opts?: RequestOptions) => getJson<ModelInfo>('/api/model', opts),
    simulate: (body: SimulateRequest, opts?: RequestOptions) =>
      postJson<SimulateResponse>('/api/simulate', body, opts),
    screen: (body: { therapies: string[]; context?: string }, opts?: RequestOptions) =>
      postJson<ScreenResponse>('/api/screen', body, opts),
    analyse: (kind: AnalysisKind, form: FormData, opts?: RequestOptions) =>
      postForm<AnalysisResponse>(apiPath('/api/analyses', kind), form, opts),
    proposals: (status: string, opts?: RequestOptions) =>
      getJson<{ proposals: Proposal[] }>(
        `/api/curation/proposals${status ? `?${new URLSearchParams({ status })}` : ''}`,
        opts,
      ),
    accept: (id: number, curator: string, opts: RequestOptions) =>
      postJson<{ id: number; statement_id: string; merged: boolean; evidenceAdded: boolean }>(
        `/api/curation/proposals/${id}/accept`,
        { curator },
        opts,
      ),
    reject: (id: number, curator: string, reason: string | undefined, opts: RequestOptions) =>
      postJson<{ id: number; status: 'rejected' }>(
        `/api/curation/proposals/${id}/reject`,
        reason ? { curator, reason } : { curator },
        opts,
      ),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The app's client: same origin, so `/api/...` reaches the server (or Vite's dev proxy). */
export const api = createApiClient();
