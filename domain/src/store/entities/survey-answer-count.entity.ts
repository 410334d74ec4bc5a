import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { Source } from './source.entity.ts';
import { Workspace } from './workspace.entity.ts';

// Post-purchase survey answers ("where did you hear about us?") that named a source, per day.
export const SurveyAnswerCount = defineEntity({
  name: 'SurveyAnswerCount',
  tableName: 'survey_answer_count',
  uniques: [{ properties: ['source', 'day'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    source: () => p.manyToOne(Source),
    day: p.date(),
    answers: p.integer(),
  },
});
export type ISurveyAnswerCount = InferEntity<typeof SurveyAnswerCount>;
