// The executive's answer ("is the AI character worth it?") that the Comparison and Three layers
// pages show first. Loaded beside each page's own report; a problem the API answers (e.g. 422
// fx_rate_missing) is shown in the answer's place, never as a broken page.
import { campaignGoals, type CampaignGoal } from '@persona-ops/domain/core';
import type { RequestEvent } from '@sveltejs/kit';
import type { ApiClient, ExecutiveAnswer, ExecutiveAnswerQuery, Problem } from '#lib/api/client.ts';
import { isOneOf } from '#lib/params.ts';
import { attempt } from './api.ts';
import type { Lookups } from './lookups.ts';

/** The goal the executive answer is judged on when the page names none (and no campaign does). */
export const DEFAULT_ANSWER_GOAL: CampaignGoal = 'sales';

export type AnswerGoalFrom = 'chosen' | 'campaign' | 'default';

export type ExecutiveAnswerSection = {
  goals: CampaignGoal[];
  /** The goal asked for, or null while the chosen one is not a goal (see goalError). */
  goal: CampaignGoal | null;
  goalFrom: AnswerGoalFrom;
  goalError: string | null;
  answer: ExecutiveAnswer | null;
  problem: Problem | null;
};

/**
 * The answer for `goal` (the page's, e.g. ?goal=), else the campaign's goal when the page is
 * narrowed to one, else DEFAULT_ANSWER_GOAL. `lookups` is the page's own (already on its way), so
 * the campaign's goal costs no request of its own; `windowDays` and `campaignId` are the page's
 * when it has them, so the answer is about what the page shows.
 */
export async function loadExecutiveAnswer(
  event: Pick<RequestEvent, 'cookies' | 'url'>,
  api: ApiClient,
  options: { goal: string; campaignId?: string; windowDays?: number; lookups: Promise<Lookups> },
): Promise<ExecutiveAnswerSection> {
  const goals = [...campaignGoals];
  const empty = { goals, answer: null, problem: null };
  if (options.goal && !isOneOf(campaignGoals, options.goal)) {
    return { ...empty, goal: null, goalFrom: 'chosen', goalError: `must be one of ${campaignGoals.join(', ')}` };
  }
  let goal: CampaignGoal = DEFAULT_ANSWER_GOAL;
  let goalFrom: AnswerGoalFrom = 'default';
  if (options.goal && isOneOf(campaignGoals, options.goal)) {
    goal = options.goal;
    goalFrom = 'chosen';
  } else if (options.campaignId) {
    const campaign = (await options.lookups).campaigns.find((c) => c.id === options.campaignId);
    if (campaign) {
      goal = campaign.goal;
      goalFrom = 'campaign';
    }
  }
  const query: ExecutiveAnswerQuery = { goal };
  if (options.campaignId) query.campaignId = options.campaignId;
  if (options.windowDays !== undefined) query.windowDays = options.windowDays;
  const result = await attempt(event, () => api.GET('/v1/reports/executive-answer', { params: { query } }));
  return { goals, goal, goalFrom, goalError: null, answer: result.data, problem: result.problem };
}
