import { describe, expect, it } from 'vitest';
import type { Proposal } from '../../../src/api/contract.js';
import { applyReview, proposalClaim, reviewProblem, splitOnTrigger } from './curation.js';

function proposal(id: number): Proposal {
  return {
    id,
    status: 'pending',
    subject: { kind: 'mirna', id: 'hsa-miR-21' },
    predicate: 'confers_resistance',
    object: { kind: 'therapy', id: 'tamoxifen' },
    therapy: 'tamoxifen',
    contexts: [{ subtype: 'er-positive' }],
    qualifiers: {},
    source_id: 'PMID:1',
    section: 'Abstract',
    quote: 'MiR-21 conferred resistance to tamoxifen.',
    start: 0,
    end: 41,
    trigger: 'conferred resistance',
    subject_text: 'MiR-21',
    object_text: 'tamoxifen',
    file: 'paper.txt',
    source: { id: 'PMID:1', title: 'A paper' },
    created_at: '2026-01-01T00:00:00Z',
  };
}

describe('splitOnTrigger', () => {
  it('finds the trigger case-insensitively', () => {
    expect(splitOnTrigger('MiR-21 Conferred resistance to tamoxifen.', 'conferred resistance')).toEqual({
      before: 'MiR-21 ',
      trigger: 'Conferred resistance',
      after: ' to tamoxifen.',
    });
    expect(splitOnTrigger('no match', 'zzz')).toEqual({ before: 'no match', trigger: '', after: '' });
  });
});

describe('proposalClaim', () => {
  it('reads the proposed statement', () => {
    expect(proposalClaim(proposal(1))).toBe(
      'hsa-miR-21 confers resistance to tamoxifen · subtype=er-positive',
    );
  });
});

describe('applyReview', () => {
  it('updates one proposal in a new array', () => {
    const list = [proposal(1), proposal(2)];
    const accepted = applyReview(
      list,
      { id: 2, status: 'accepted', curator: 'Ada', statement_id: 'st_x', merged: false },
      'now',
    );
    expect(accepted[1]).toMatchObject({
      status: 'accepted',
      reviewed_by: 'Ada',
      reviewed_at: 'now',
      statement_id: 'st_x',
    });
    expect(accepted[0]).toBe(list[0]);
    expect(list[1]!.status).toBe('pending');
    const rejected = applyReview(
      list,
      { id: 1, status: 'rejected', curator: 'Ada', reason: 'hedged' },
      'now',
    );
    expect(rejected[0]).toMatchObject({ status: 'rejected', review_note: 'hedged' });
  });
});

describe('reviewProblem', () => {
  it('needs a token and a curator', () => {
    expect(reviewProblem('', 'Ada')).toMatch(/token/);
    expect(reviewProblem('t', ' ')).toMatch(/curator/);
    expect(reviewProblem('t', 'Ada')).toBeUndefined();
  });
});
