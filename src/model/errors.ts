/** Where an expected failure is: file, line and field, as users see it (`file:line: field: message`). */
export interface Issue {
  file?: string;
  line?: number;
  field?: string;
  message: string;
}

/** Expected failures are values (STYLE.md guideline 4). */
export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(...issues: Issue[]): Result<T> => ({ ok: false, issues });

/** `file:line: field: message`, omitting the parts an issue lacks. */
export function formatIssue(issue: Issue): string {
  const where = [issue.file, issue.line].filter((part) => part !== undefined).join(':');
  return [where, issue.field, issue.message].filter((part) => part !== undefined && part !== '').join(': ');
}

/** Base of miResist's named errors; api maps `code` to HTTP statuses. */
export class MiresistError extends Error {
  readonly code: string = 'internal';
}

/** Input that failed validation; carries every issue found. */
export class ValidationError extends MiresistError {
  override readonly code = 'invalid_input';
  constructor(readonly issues: Issue[]) {
    super(issues.map(formatIssue).join('\n'));
  }
}

/** A name that resolved to nothing known; carries the closest candidates. */
export class UnresolvedNameError extends MiresistError {
  override readonly code = 'not_found';
  constructor(
    readonly input: string,
    readonly kind: string,
    readonly candidates: string[],
    readonly reason?: string,
  ) {
    super(
      `unresolved ${kind} name '${input}'` +
        (reason ? ` (${reason})` : '') +
        (candidates.length ? `; closest: ${candidates.join(', ')}` : '; no close candidates'),
    );
  }
}

/** The store could not be opened, read or written. */
export class StoreError extends MiresistError {
  override readonly code = 'store_unavailable';
}
