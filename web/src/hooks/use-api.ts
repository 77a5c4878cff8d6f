/** React glue over the API client: a GET resource keyed by its path, and one-shot requests (POSTs). */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, isAbortError, toApiError, type ApiError } from '../lib/api-client.js';

interface Loaded<T> {
  path: string | null;
  data?: T;
  error?: ApiError;
}

export interface ApiResource<T> {
  /** the answer for the current path */
  data?: T;
  error?: ApiError;
  loading: boolean;
  /** the last answer for any path (to keep a view steady while the next one loads) */
  latest?: T;
  reload: () => void;
}

/** GETs `path` (null: nothing) and re-fetches whenever it changes; stale answers are aborted. */
export function useApiGet<T>(path: string | null): ApiResource<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ path: null });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    api.getJson<T>(path, { signal: controller.signal }).then(
      (data) => setLoaded({ path, data }),
      (error: unknown) => {
        if (!isAbortError(error)) setLoaded({ path, error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [path, generation]);
  const current = loaded.path === path ? loaded : undefined;
  return {
    data: current?.data,
    error: current?.error,
    loading: path !== null && !current?.data && !current?.error,
    latest: loaded.data,
    reload: useCallback(() => setGeneration((g) => g + 1), []),
  };
}

export type RequestState<T> =
  | { status: 'idle' }
  | { status: 'running'; data?: T }
  | { status: 'done'; data: T }
  | { status: 'error'; error: ApiError };

/** A request started by the user (run, upload, accept); only the latest one's answer is kept. */
export function useRequest<T>() {
  const [state, setState] = useState<RequestState<T>>({ status: 'idle' });
  const latest = useRef(0);
  const run = useCallback(async (start: () => Promise<T>): Promise<T | undefined> => {
    const id = ++latest.current;
    setState((previous) => ({
      status: 'running',
      data: previous.status === 'done' ? previous.data : undefined,
    }));
    try {
      const data = await start();
      if (id === latest.current) setState({ status: 'done', data });
      return data;
    } catch (error) {
      if (id === latest.current) setState({ status: 'error', error: toApiError(error) });
      return undefined;
    }
  }, []);
  const reset = useCallback(() => {
    latest.current++;
    setState({ status: 'idle' });
  }, []);
  return { state, run, reset };
}

/** Sets the document title while a page is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · miResist` : 'miResist';
  }, [title]);
}
