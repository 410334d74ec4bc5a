import { z } from 'zod';
import { COMPARISON_KPIS, campaignGoals } from '@persona-ops/domain/core';
import { comparisonReportFilters } from './comparison-report.schemas.ts';

const kpiId = z.enum(Object.keys(COMPARISON_KPIS) as [keyof typeof COMPARISON_KPIS, ...Array<keyof typeof COMPARISON_KPIS>]);

export const executiveAnswerQuery = z.object({
  goal: z.enum(campaignGoals).describe('The job the character is judged on: it picks the deciding KPIs'),
  windowDays: comparisonReportFilters.shape.windowDays,
  asOf: comparisonReportFilters.shape.asOf,
  campaignId: comparisonReportFilters.shape.campaignId,
});
export type ExecutiveAnswerQuery = z.infer<typeof executiveAnswerQuery>;

const kpiFace = z
  .object({
    kpiId,
    direction: z.enum(['higher_is_better', 'lower_is_better']),
    ai: z.number().nullable().describe("The AI characters' median (money in major units)"),
    other: z.number().nullable().describe("The other kind's median over its sources that know the value"),
    difference: z.number().nullable().describe('ai − other'),
    relative: z.number().nullable().describe('difference ÷ other × 100'),
    better: z.enum(['ai', 'other', 'tie']).nullable().describe('null: not known on both sides'),
  })
  .meta({ id: 'AnswerKpi' });

export const executiveAnswerSchema = z
  .object({
    goal: z.enum(campaignGoals),
    windowDays: z.number().int(),
    asOf: z.iso.datetime(),
    currency: z.string().nullable().describe('The reporting currency of every money figure'),
    headline: z.string().describe('The answer in one sentence'),
    kinds: z.array(z.object({
      kind: z.enum(['human_creator', 'studio', 'product_ad']),
      answer: z.enum(['ai_better', 'other_better', 'even', 'open']),
      rule: z.enum(['no_character', 'no_other', 'too_few_results', 'too_few_kpis', 'wins', 'losses', 'even']).describe('The row of the rule table (domain/src/core/executive-answer.ts) that decided'),
      compared: z.object({ ai: z.array(z.string()), other: z.array(z.string()) }).describe('The sources on each side (aligned on their age)'),
      deciding: z.array(kpiFace).describe("The goal's deciding KPIs"),
      costPerResult: kpiFace,
      roi: kpiFace,
      netSentiment: kpiFace,
      velocity: z.object({ ai: z.number().nullable(), other: z.number().nullable() }).describe('Approved assets per week, briefs opened in the last windowDays days'),
      samples: z.object({ aiPosts: z.number().int().nullable(), otherPosts: z.number().int().nullable() }).describe('Posts in the compared windows'),
      open: z.array(z.string()).describe('What keeps the answer open or less sure: cost not recorded, too new, too few results'),
      sentence: z.string(),
    })),
  })
  .meta({ id: 'ExecutiveAnswer' });
export type ExecutiveAnswerReport = z.output<typeof executiveAnswerSchema>;
