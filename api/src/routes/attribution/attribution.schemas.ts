import { z } from 'zod';
import { currencySchema, dateSchema, idSchema, intColumnMax, minorUnits, paginationQuery, pageOf } from '../../http/common.schemas.ts';

const utmValue = z.string().trim().min(1, 'must not be empty').max(255);

export const createTrackingLinkBody = z.object({
  campaignId: idSchema,
  sourceId: idSchema,
  postId: idSchema.optional().describe('The post the link is placed in; it must belong to the campaign and the source'),
  landingUrl: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2048).describe('Its own query parameters are kept'),
  utmSource: utmValue.optional().describe("Defaults to the post's channel, else the platform of the source's first handle"),
  utmMedium: utmValue.optional().describe('Defaults to "paid_social" for a paid post, "social" otherwise'),
  utmContent: utmValue.optional().describe("Defaults to the post's id, else the source's name as a slug"),
});

export const trackingLinkSchema = z
  .object({
    id: idSchema,
    campaignId: idSchema,
    sourceId: idSchema,
    postId: idSchema.nullable(),
    landingUrl: z.string(),
    utmSource: z.string(),
    utmMedium: z.string(),
    utmCampaign: z.string().describe("The campaign's name as a slug"),
    utmContent: z.string(),
    url: z.string().describe('The landing page with the UTM parameters added: the link to publish'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'TrackingLink' });

const attributionFilters = {
  campaignId: idSchema.optional(),
  sourceId: idSchema.optional(),
  postId: idSchema.optional(),
};

export const listTrackingLinksQuery = z.object({ ...attributionFilters, ...paginationQuery(['createdAt'] as const, 'createdAt') });
export const trackingLinkPage = pageOf(trackingLinkSchema);

export const offerCodeValue = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/, 'must be 3–64 letters, digits, "-" or "_", starting with a letter or digit')
  .transform((code) => code.toUpperCase());

export const createOfferCodeBody = z.object({
  campaignId: idSchema,
  sourceId: idSchema,
  postId: idSchema.optional().describe('The post the code is given in; it must belong to the campaign and the source'),
  code: offerCodeValue.optional().describe('Stored in capitals; unique in the workspace. Defaults to a readable generated code, e.g. LEA-7K3Q'),
});

export const offerCodeSchema = z
  .object({
    id: idSchema,
    campaignId: idSchema,
    sourceId: idSchema,
    postId: idSchema.nullable(),
    code: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'OfferCode' });

export const listOfferCodesQuery = z.object({ ...attributionFilters, ...paginationQuery(['createdAt', 'code'] as const, 'createdAt') });
export const offerCodePage = pageOf(offerCodeSchema);

const count = z.number().int('must be a whole number').min(0, 'cannot be negative').nullish();

export const incomingConversionSchema = z
  .object({
    linkId: idSchema.optional().describe('The tracking link the counts came through; or give `code`'),
    code: offerCodeValue.optional().describe('The offer code used; or give `linkId`'),
    day: dateSchema.describe('UTC day the analytics counted them on'),
    clicks: count,
    sessions: count,
    registrations: count.describe('Registrations or installs'),
    targetActions: count.describe("The campaign's target action (conversions)"),
    sales: count,
    revenueMinor: minorUnits.nullish(),
    currency: currencySchema.describe("The campaign's currency"),
  })
  .refine((row) => (row.linkId === undefined) !== (row.code === undefined), { message: 'give exactly one of linkId and code', path: ['linkId'] });

export const bulkConversionsBody = z.object({
  counts: z.array(incomingConversionSchema).min(1, 'send at least one row').max(10_000, 'send at most 10,000 rows a request'),
});

export const upsertedSchema = z
  .object({
    inserted: z.number().int().describe('New (link or code, day) rows'),
    updated: z.number().int().describe('Rows that replaced different stored counts'),
    unchanged: z.number().int().describe('Rows identical to what was stored'),
  })
  .meta({ id: 'Upserted' });

export const bulkSurveyAnswersBody = z.object({
  answers: z
    .array(z.object({
      sourceId: idSchema,
      day: dateSchema,
      answers: z.number().int('must be a whole number').min(0, 'cannot be negative').max(...intColumnMax).describe('Answers to "where did you hear about us?" that named the source that day'),
    }))
    .min(1, 'send at least one row')
    .max(10_000, 'send at most 10,000 rows a request'),
});
