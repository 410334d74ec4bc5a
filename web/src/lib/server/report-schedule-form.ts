import { formText } from '#lib/form-fields.ts';
import { linesOf } from '#lib/settings.ts';
import type { paths } from '#lib/api/schema.d.ts';

type ScheduleInput = NonNullable<paths['/v1/report-schedules']['post']['requestBody']>['content']['application/json'];

const wholeNumber = (text: string) => (/^\d{1,2}$/.test(text.trim()) ? Number(text.trim()) : null);

/**
 * The schedule form as the API's body: the day field of the chosen cadence only, a blank campaign or
 * Slack URL as none, recipients one a line. Numbers that cannot be read are refused here, named like
 * the API's fields; everything else is the API's to judge.
 */
export function reportScheduleBody(form: FormData): { body: ScheduleInput; errors: null } | { body: null; errors: Record<string, string> } {
  const cadence = formText(form, 'cadence') === 'monthly' ? 'monthly' : 'weekly';
  const errors: Record<string, string> = {};
  const hourUtc = wholeNumber(formText(form, 'hourUtc'));
  if (hourUtc === null) errors.hourUtc = 'enter the hour, 0 to 23 (UTC)';
  const day = wholeNumber(formText(form, cadence === 'weekly' ? 'weekday' : 'dayOfMonth'));
  if (day === null) errors[cadence === 'weekly' ? 'weekday' : 'dayOfMonth'] = cadence === 'weekly' ? 'choose a weekday' : 'enter a day of the month, 1 to 28';
  if (hourUtc === null || day === null) return { body: null, errors };
  const campaignId = formText(form, 'campaignId');
  const slackWebhookUrl = formText(form, 'slackWebhookUrl').trim();
  return {
    errors: null,
    body: {
      name: formText(form, 'name'),
      kind: formText(form, 'kind') as ScheduleInput['kind'],
      campaignId: campaignId === '' ? null : campaignId,
      cadence,
      ...(cadence === 'weekly' ? { weekday: day } : { dayOfMonth: day }),
      hourUtc,
      emailRecipients: linesOf(formText(form, 'emailRecipients')),
      slackWebhookUrl: slackWebhookUrl === '' ? null : slackWebhookUrl,
    },
  };
}
