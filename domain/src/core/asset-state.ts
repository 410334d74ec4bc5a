import { DomainError, DomainErrorCode } from './errors.ts';

import { assetActions, assetStates, reviewDecisions } from './vocabulary.ts';

export type AssetState = (typeof assetStates)[number];
export type AssetAction = (typeof assetActions)[number];
/** The decisions a reviewer can take on an asset in review. */
export type ReviewDecision = (typeof reviewDecisions)[number];

// published -> published is legal: publishing the same approved asset to another channel is reuse,
// which channel_reuse and paid_reuse_rate measure. rejected is terminal: new work is a new asset.
const TRANSITIONS: Record<AssetState, Partial<Record<AssetAction, AssetState>>> = {
  draft: { submit: 'in_review' },
  in_review: { approve: 'approved', request_changes: 'changes_requested', reject: 'rejected' },
  changes_requested: { submit: 'in_review' },
  approved: { publish: 'published' },
  published: { publish: 'published' },
  rejected: {},
};

export function legalActions(state: AssetState): AssetAction[] {
  return assetActions.filter((action) => TRANSITIONS[state][action] !== undefined);
}

/** The state after `action`, or an illegal_transition error listing what is allowed instead. */
export function transition(state: AssetState, action: AssetAction): AssetState {
  const next = TRANSITIONS[state][action];
  if (next === undefined) {
    const legal = legalActions(state);
    const allowed = legal.length === 0 ? 'nothing: it is final' : legal.join(', ');
    throw new DomainError(
      DomainErrorCode.illegal_transition,
      `Cannot ${action.replaceAll('_', ' ')} an asset that is ${state.replaceAll('_', ' ')}; allowed from ${state}: ${allowed}.`,
      { state, action, legalActions: legal },
    );
  }
  return next;
}

/** Approved work counts as output whether or not it has been published yet. */
export function isApprovedState(state: AssetState): boolean {
  return state === 'approved' || state === 'published';
}

export function isReviewDecision(action: string): action is ReviewDecision {
  return (reviewDecisions as readonly string[]).includes(action);
}

export function decisionRequiresReason(decision: ReviewDecision): boolean {
  return decision === 'request_changes' || decision === 'reject';
}

/**
 * Checks a review decision's reason and returns it trimmed (null when none is needed and none
 * was given). Asking for changes or rejecting without saying why leaves the producer guessing,
 * and revision causes are reported, so those two require a reason.
 */
export function validateReviewReason(decision: ReviewDecision, reason: string | null | undefined): string | null {
  const trimmed = reason?.trim() ?? '';
  if (trimmed === '' && decisionRequiresReason(decision)) {
    throw new DomainError(
      DomainErrorCode.rule_violation,
      `A reason is required to ${decision.replaceAll('_', ' ')}: say what must change or why the asset is rejected.`,
      { decision, field: 'reason' },
    );
  }
  return trimmed === '' ? null : trimmed;
}

/**
 * A post goes live only after its asset was approved: publishing (or reusing it in a paid
 * placement) at a time before the approval would make brief-to-post shorter than brief-to-approval.
 * Throws rule_violation naming `body.publishedAt` and the approval time.
 */
export function assertPublishedAfterApproval(publishedAt: Date, approvedAt: Date | null): void {
  if (approvedAt === null || publishedAt.getTime() >= approvedAt.getTime()) return;
  throw new DomainError(
    DomainErrorCode.rule_violation,
    `A post cannot be published before its asset was approved: publishedAt ${publishedAt.toISOString()} is before the approval at ${approvedAt.toISOString()}.`,
    { field: 'body.publishedAt', publishedAt: publishedAt.toISOString(), approvedAt: approvedAt.toISOString() },
  );
}
