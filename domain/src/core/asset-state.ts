import { DomainError, DomainErrorCode } from './errors.ts';

import { assetActions, assetStates, reviewDecisions, type transitionActions } from './vocabulary.ts';

export type AssetState = (typeof assetStates)[number];
export type AssetAction = (typeof assetActions)[number];
/** The decisions a reviewer can take on an asset in review. */
export type ReviewDecision = (typeof reviewDecisions)[number];
/** What the transition log records: an action, or the asset's creation as a draft. */
export type TransitionAction = (typeof transitionActions)[number];

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

/** What an asset's recorded history says about when its next step may be dated. */
export type StepHistory = {
  briefOpenedAt: Date;
  /** The asset's recorded steps, its creation included; empty while the asset is being created. */
  steps: ReadonlyArray<{ action: TransitionAction; at: Date }>;
};

// A client's clock a little ahead of ours is not a step dated in the future.
const CLOCK_SKEW_MS = 60_000;

const stepWords: Record<TransitionAction, string> = {
  create: 'the draft',
  submit: 'the submission',
  approve: 'the approval',
  request_changes: 'the request for changes',
  reject: 'the rejection',
  publish: 'the publication',
};

/**
 * Checks when a step of the asset workflow happened: now by default, or an earlier time given for
 * history entered later. `field` names the input that carried it (e.g. `body.decidedAt`). A step is
 * not in the future, not before its brief opened and not before the asset's previous step, so the
 * history reads in order and brief-to-approval is never negative. Publishing is checked against the
 * approval instead (assertPublishedAfterApproval): posts on several channels may be recorded in any
 * order, but none before the approval.
 */
export function assertStepTime(action: TransitionAction, at: Date, field: string, history: StepHistory, now: Date): void {
  const name = field.split('.').at(-1) ?? field;
  const step = stepWords[action];
  if (Number.isNaN(at.getTime())) {
    throw new DomainError(DomainErrorCode.invalid_input, `${field} is not a valid time: send an ISO-8601 date-time, e.g. 2026-03-01T09:00:00Z.`, { field });
  }
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    const message = action === 'publish'
      ? 'A post cannot be published in the future. Record it once it is live.'
      : `${capitalize(step)} cannot be dated in the future (${at.toISOString()}): record it once it has happened, or leave ${name} out to use the current time.`;
    throw new DomainError(DomainErrorCode.invalid_input, message, { field, at: at.toISOString(), now: now.toISOString() });
  }
  if (at.getTime() < history.briefOpenedAt.getTime()) {
    throw new DomainError(
      DomainErrorCode.rule_violation,
      `${capitalize(step)} cannot be dated before the asset's brief opened: ${name} ${at.toISOString()} is before ${history.briefOpenedAt.toISOString()}. Date it at or after the brief's opening.`,
      { field, at: at.toISOString(), briefOpenedAt: history.briefOpenedAt.toISOString() },
    );
  }
  if (action === 'publish') {
    const approvals = history.steps.filter((s) => s.action === 'approve');
    const approvedAt = approvals.reduce<Date | null>((latest, s) => (latest === null || s.at > latest ? s.at : latest), null);
    assertPublishedAfterApproval(at, approvedAt);
    return;
  }
  const previous = history.steps.reduce<{ action: TransitionAction; at: Date } | null>((latest, s) => (latest === null || s.at >= latest.at ? s : latest), null);
  if (previous !== null && at.getTime() < previous.at.getTime()) {
    throw new DomainError(
      DomainErrorCode.rule_violation,
      `${capitalize(step)} cannot be dated before the asset's previous step (${stepWords[previous.action]} at ${previous.at.toISOString()}): ${name} is ${at.toISOString()}. Steps are recorded in order; date it at or after ${previous.at.toISOString()}.`,
      { field, at: at.toISOString(), previousAction: previous.action, previousAt: previous.at.toISOString() },
    );
  }
}

function capitalize(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}
