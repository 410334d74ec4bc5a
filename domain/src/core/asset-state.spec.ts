import { describe, expect, it } from 'vitest';
import type { AssetAction, AssetState } from './asset-state.ts';
import { assertPublishedAfterApproval, legalActions, transition, validateReviewReason } from './asset-state.ts';
import { DomainError } from './errors.ts';

describe('asset state machine', () => {
  const legal: Array<[AssetState, AssetAction, AssetState]> = [
    ['draft', 'submit', 'in_review'],
    ['in_review', 'approve', 'approved'],
    ['in_review', 'request_changes', 'changes_requested'],
    ['in_review', 'reject', 'rejected'],
    ['changes_requested', 'submit', 'in_review'],
    ['approved', 'publish', 'published'],
    ['published', 'publish', 'published'],
  ];
  it.each(legal)('%s --%s--> %s', (from, action, to) => {
    expect(transition(from, action)).toBe(to);
  });

  it('refuses illegal transitions and lists the legal actions', () => {
    try {
      transition('draft', 'approve');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      const e = error as DomainError;
      expect(e.code).toBe('illegal_transition');
      expect(e.details).toEqual({ state: 'draft', action: 'approve', legalActions: ['submit'] });
    }
    expect(() => transition('rejected', 'submit')).toThrow(/final/);
    expect(() => transition('approved', 'approve')).toThrow(DomainError);
    expect(() => transition('in_review', 'publish')).toThrow(DomainError);
    expect(() => transition('changes_requested', 'approve')).toThrow(DomainError);
  });

  it('lists legal actions per state', () => {
    expect(legalActions('in_review')).toEqual(['approve', 'request_changes', 'reject']);
    expect(legalActions('published')).toEqual(['publish']);
    expect(legalActions('rejected')).toEqual([]);
  });

  it('requires a reason to request changes or reject', () => {
    expect(() => validateReviewReason('request_changes', '  ')).toThrow(expect.objectContaining({ code: 'rule_violation' }));
    expect(() => validateReviewReason('reject', undefined)).toThrow(expect.objectContaining({ code: 'rule_violation' }));
    expect(validateReviewReason('reject', ' off-brand hands ')).toBe('off-brand hands');
    expect(validateReviewReason('approve', undefined)).toBeNull();
    expect(validateReviewReason('approve', 'great')).toBe('great');
  });
});

describe('publication after approval', () => {
  const approvedAt = new Date('2026-03-05T10:00:00Z');

  it('allows publishing at or after the approval', () => {
    expect(() => assertPublishedAfterApproval(approvedAt, approvedAt)).not.toThrow();
    expect(() => assertPublishedAfterApproval(new Date('2026-03-06T00:00:00Z'), approvedAt)).not.toThrow();
  });

  it('refuses a publication before the approval, naming body.publishedAt and the approval time', () => {
    let error: unknown;
    try {
      assertPublishedAfterApproval(new Date('2026-03-04T09:00:00Z'), approvedAt);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'rule_violation', details: { field: 'body.publishedAt', approvedAt: '2026-03-05T10:00:00.000Z' } });
    expect((error as DomainError).message).toContain('2026-03-05T10:00:00.000Z');
  });
});
