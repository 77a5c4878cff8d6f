/** The curation queue's logic: trigger highlighting, in-place review updates, saved credentials. */
import type { Proposal } from '../../../src/api/contract.js';
import { formatContexts, predicateLabel } from './statement-format.js';

export const PROPOSAL_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** localStorage keys of the operator token and the curator name. */
export const TOKEN_STORAGE_KEY = 'miresist.curation.token';
export const CURATOR_STORAGE_KEY = 'miresist.curation.curator';

/** The quote split around the words that triggered the proposal (first case-insensitive match). */
export function splitOnTrigger(
  quote: string,
  trigger: string,
): { before: string; trigger: string; after: string } {
  const needle = trigger.trim();
  const at = needle ? quote.toLowerCase().indexOf(needle.toLowerCase()) : -1;
  if (at < 0) return { before: quote, trigger: '', after: '' };
  return {
    before: quote.slice(0, at),
    trigger: quote.slice(at, at + needle.length),
    after: quote.slice(at + needle.length),
  };
}

/** `hsa-miR-21 confers resistance to tamoxifen [tamoxifen] · subtype=er-positive`. */
export function proposalClaim(
  p: Pick<Proposal, 'subject' | 'predicate' | 'object' | 'therapy' | 'contexts'>,
): string {
  const therapy = p.therapy && p.therapy !== p.object.id ? ` [${p.therapy}]` : '';
  const contexts = formatContexts(p.contexts);
  return `${p.subject.id} ${predicateLabel(p.predicate)} ${p.object.id}${therapy}${contexts ? ` · ${contexts}` : ''}`;
}

export type ReviewOutcome =
  | { id: number; status: 'accepted'; curator: string; statement_id: string; merged: boolean }
  | { id: number; status: 'rejected'; curator: string; reason?: string };

/** The list with one proposal's review applied in place (a new array; the old one is untouched). */
export function applyReview(proposals: readonly Proposal[], outcome: ReviewOutcome, at: string): Proposal[] {
  return proposals.map((p) => {
    if (p.id !== outcome.id) return p;
    const reviewed = { ...p, status: outcome.status, reviewed_by: outcome.curator, reviewed_at: at };
    return outcome.status === 'accepted'
      ? { ...reviewed, statement_id: outcome.statement_id }
      : { ...reviewed, review_note: outcome.reason ?? p.review_note };
  });
}

/** What keeps a review from being sent; undefined when it can be. */
export function reviewProblem(token: string, curator: string): string | undefined {
  if (!token.trim())
    return 'Enter the API token first (the operator sets it when starting `miresist serve`).';
  if (!curator.trim()) return 'Enter your name as curator first.';
  return undefined;
}
