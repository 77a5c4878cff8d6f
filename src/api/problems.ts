/** Errors as RFC 9457 problem details (`application/problem+json`), one mapping for every route. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { MiresistError, StoreError, UnresolvedNameError, ValidationError } from '../model/index.js';
import type { Problem } from './contract.js';

export const PROBLEM_TYPE = 'application/problem+json';

/** An error a route throws on purpose, with its HTTP status. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  406: 'Not acceptable',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** The problem document of any error a request raised, and its status. */
export function toProblem(error: unknown, instance: string): Problem {
  const base = (status: number, title = TITLES[status] ?? 'Error', detail?: string): Problem => ({
    type: 'about:blank',
    title,
    status,
    ...(detail ? { detail } : {}),
    instance,
  });
  if (error instanceof HttpProblem) return base(error.status, error.title, error.detail);
  if (error instanceof ValidationError)
    return { ...base(422, 'Invalid input', error.message), issues: error.issues };
  if (error instanceof UnresolvedNameError)
    return { ...base(404, `Unknown ${error.kind}`, error.message), candidates: error.candidates };
  // server-side failures are logged in full; clients are not told paths or internals
  if (error instanceof StoreError)
    return base(503, 'Store unavailable', 'the knowledge store cannot be read now');
  if (error instanceof MiresistError) return base(500, 'Internal server error');
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as FastifyError).validationContext ?? 'request';
    return {
      ...base(400, 'Invalid request', `the ${where} does not match the API schema`),
      issues: error.validation.map((v) => ({
        field: [
          where,
          ...String(v.instancePath ?? '')
            .split('/')
            .filter(Boolean),
        ].join('.'),
        message: v.message ?? 'invalid',
      })),
    };
  }
  if (isResponseSerializationError(error))
    return base(500, 'Internal server error', 'response failed its schema');
  const fe = error as FastifyError;
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500)
    return base(fe.statusCode, TITLES[fe.statusCode], fe.message);
  return base(500);
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: unknown): FastifyReply {
  const problem = toProblem(error, request.url);
  if (error instanceof HttpProblem) reply.headers(error.headers);
  if (problem.status >= 500) request.log.error({ err: error }, (error as Error)?.message ?? problem.title);
  return reply.code(problem.status).type(PROBLEM_TYPE).send(JSON.stringify(problem));
}
