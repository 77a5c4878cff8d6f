import { describe, expect, it } from 'vitest';
import {
  ApiError,
  apiPath,
  createApiClient,
  formatIssue,
  problemFromResponse,
  toApiError,
} from './api-client.js';

function jsonResponse(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
}

describe('problemFromResponse', () => {
  it('reads an RFC 9457 problem with issues and candidates', async () => {
    const error = await problemFromResponse(
      jsonResponse(
        422,
        {
          type: 'about:blank',
          title: 'Invalid input',
          status: 422,
          detail: '1 problem',
          issues: [{ file: 'qpcr.csv', line: 4, field: 'ct', message: "'high' is not a number" }],
          candidates: ['hsa-miR-21-5p'],
        },
        'application/problem+json',
      ),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.title).toBe('Invalid input');
    expect(error.detail).toBe('1 problem');
    expect(error.issues).toEqual([
      { file: 'qpcr.csv', line: 4, field: 'ct', message: "'high' is not a number" },
    ]);
    expect(error.candidates).toEqual(['hsa-miR-21-5p']);
    expect(error.message).toBe('Invalid input: 1 problem');
  });

  it('falls back to the status line for HTML or empty bodies', async () => {
    const html = await problemFromResponse(
      new Response('<html><body>Bad Gateway</body></html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    expect(html.title).toBe('502 Bad Gateway');
    expect(html.detail).toBeUndefined();
    const text = await problemFromResponse(new Response('store is busy', { status: 503 }));
    expect(text.detail).toBe('store is busy');
  });
});

describe('formatIssue', () => {
  it('prints file:line: field: message, leaving out what is missing', () => {
    expect(formatIssue({ file: 'a.csv', line: 3, field: 'ct', message: 'bad' })).toBe('a.csv:3: ct: bad');
    expect(formatIssue({ field: 'reference', message: 'required' })).toBe('reference: required');
    expect(formatIssue({ message: 'bad' })).toBe('bad');
    expect(formatIssue({ line: 0, message: 'header' })).toBe('0: header');
  });
});

describe('toApiError', () => {
  it('wraps anything thrown', () => {
    expect(toApiError(new Error('boom')).detail).toBe('boom');
    expect(toApiError('odd').status).toBe(0);
    const original = new ApiError({ status: 404, title: 'Not found' });
    expect(toApiError(original)).toBe(original);
  });
});

describe('apiPath', () => {
  it('encodes each name as one path segment', () => {
    expect(apiPath('/api/mirna', 'miR-221/222')).toBe('/api/mirna/miR-221%2F222');
    expect(apiPath('/api/therapy', 'anti-HER2 therapy')).toBe('/api/therapy/anti-HER2%20therapy');
  });
});

describe('createApiClient', () => {
  it('calls relative /api paths and returns the JSON body', async () => {
    const calls: { url: string; init?: RequestInit }[] = [];
    const client = createApiClient({
      fetch: async (url, init) => {
        calls.push({ url, init });
        return jsonResponse(200, { query: 'miR-21', hits: [] });
      },
    });
    const result = await client.search('miR-21 & co', 12);
    expect(result).toEqual({ query: 'miR-21', hits: [] });
    expect(calls[0]!.url).toBe('/api/search?q=miR-21+%26+co&limit=12');
  });

  it('sends JSON bodies and the bearer token', async () => {
    let seen: RequestInit | undefined;
    const client = createApiClient({
      fetch: async (_url, init) => {
        seen = init;
        return jsonResponse(200, { id: 3, status: 'rejected' });
      },
    });
    await client.reject(3, 'Ada', 'not a claim', { token: 'devtoken' });
    const headers = new Headers(seen!.headers);
    expect(seen!.method).toBe('POST');
    expect(headers.get('authorization')).toBe('Bearer devtoken');
    expect(headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(String(seen!.body))).toEqual({ curator: 'Ada', reason: 'not a claim' });
  });

  it('throws an ApiError for problem responses', async () => {
    const client = createApiClient({
      fetch: async () =>
        jsonResponse(
          404,
          { type: 'about:blank', title: 'Not found', status: 404, candidates: ['hsa-miR-21'] },
          'application/problem+json',
        ),
    });
    await expect(client.mirna('miR-2l')).rejects.toMatchObject({ status: 404, candidates: ['hsa-miR-21'] });
  });

  it('says so when the server cannot be reached or answers something other than JSON', async () => {
    const down = createApiClient({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(down.health()).rejects.toMatchObject({
      status: 0,
      title: 'The server could not be reached',
    });
    const html = createApiClient({
      fetch: async () =>
        new Response('<!doctype html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    });
    await expect(html.health()).rejects.toMatchObject({ title: 'Unexpected response' });
  });

  it('lets aborts through unchanged', async () => {
    const client = createApiClient({
      fetch: async () => {
        throw new DOMException('aborted', 'AbortError');
      },
    });
    await expect(client.health()).rejects.toMatchObject({ name: 'AbortError' });
  });
});
