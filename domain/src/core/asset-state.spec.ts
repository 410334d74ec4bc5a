import { describe, expect, it } from 'vitest';
import type { AssetAction, AssetState } from './asset-state.ts';
import { assertPublishedAfterApproval, assertStepTime, legalActions, transition, validateReviewReason, type StepHistory } from './asset-state.ts';
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

describe('step times (history entered later)', () => {
  const now = new Date('2026-04-01T12:00:00Z');
  const history: StepHistory = {
    briefOpenedAt: new Date('2026-03-01T00:00:00Z'),
    steps: [
      { action: 'create', at: new Date('2026-03-02T09:00:00Z') },
      { action: 'submit', at: new Date('2026-03-03T09:00:00Z') },
    ],
  };
  const caught = (check: () => void): unknown => {
    try {
      check();
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it('allows a step at or after the previous one, up to now', () => {
    expect(() => assertStepTime('approve', new Date('2026-03-03T09:00:00Z'), 'body.decidedAt', history, now)).not.toThrow();
    expect(() => assertStepTime('approve', now, 'body.decidedAt', history, now)).not.toThrow();
    expect(() => assertStepTime('create', history.briefOpenedAt, 'body.draftedAt', { ...history, steps: [] }, now)).not.toThrow();
  });

  it('refuses a step dated before the previous one, naming the field and the previous time', () => {
    const error = caught(() => assertStepTime('approve', new Date('2026-03-03T08:00:00Z'), 'body.decidedAt', history, now));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'rule_violation', details: { field: 'body.decidedAt', previousAction: 'submit', previousAt: '2026-03-03T09:00:00.000Z' } });
    expect((error as DomainError).message).toContain('date it at or after 2026-03-03T09:00:00.000Z');
  });

  it('refuses a step dated before the brief opened', () => {
    const error = caught(() => assertStepTime('create', new Date('2026-02-28T00:00:00Z'), 'body.draftedAt', { ...history, steps: [] }, now));
    expect(error).toMatchObject({ code: 'rule_violation', details: { field: 'body.draftedAt', briefOpenedAt: '2026-03-01T00:00:00.000Z' } });
  });

  it('refuses a step in the future (a minute of clock skew is allowed) and an invalid time', () => {
    expect(() => assertStepTime('submit', new Date(now.getTime() + 30_000), 'body.submittedAt', history, now)).not.toThrow();
    const error = caught(() => assertStepTime('submit', new Date('2026-04-02T00:00:00Z'), 'body.submittedAt', history, now));
    expect(error).toMatchObject({ code: 'invalid_input', details: { field: 'body.submittedAt' } });
    expect((error as DomainError).message).toContain('leave submittedAt out');
    expect(caught(() => assertStepTime('submit', new Date('nope'), 'body.submittedAt', history, now))).toMatchObject({ code: 'invalid_input' });
  });

  it('checks a publication against the approval, not against earlier posts on other channels', () => {
    const published: StepHistory = {
      ...history,
      steps: [...history.steps, { action: 'approve', at: new Date('2026-03-04T09:00:00Z') }, { action: 'publish', at: new Date('2026-03-10T09:00:00Z') }],
    };
    expect(() => assertStepTime('publish', new Date('2026-03-05T09:00:00Z'), 'body.publishedAt', published, now)).not.toThrow();
    expect(caught(() => assertStepTime('publish', new Date('2026-03-04T08:00:00Z'), 'body.publishedAt', published, now)))
      .toMatchObject({ code: 'rule_violation', details: { field: 'body.publishedAt', approvedAt: '2026-03-04T09:00:00.000Z' } });
  });
});
