import { campaignGoals } from '@persona-ops/domain/core';
import { formText } from '#lib/form-fields.ts';
import { readCampaignFields } from '#lib/studio.ts';

/** A campaign form as the API's body, or the fields that cannot be read. */
export function campaignFromForm(form: FormData) {
  const { body, errors } = readCampaignFields((name) => formText(form, name));
  const goal = campaignGoals.find((g) => g === body.goal);
  if (!goal) errors['goal'] = 'choose the campaign\'s goal';
  return { body: { ...body, goal: goal ?? 'awareness' }, errors };
}
