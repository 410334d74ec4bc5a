import { z } from 'zod';
import { campaignGoals } from '@persona-ops/domain/core';
import { currencySchema, dateSchema, idSchema, minorUnits, paginationQuery, pageOf } from '../../http/common.schemas.ts';
import { mergePatchSchema } from '../../http/merge-patch.ts';

export const campaignSchema = z
  .object({
    id: idSchema,
    name: z.string(),
    goal: z.enum(campaignGoals).describe('The job of the campaign; it picks the KPIs that decide'),
    startsOn: dateSchema,
    endsOn: dateSchema,
    attributionWindowDays: z.number().int(),
    budgetMinor: z.number().int(),
    currency: z.string(),
    trackingKeywords: z.array(z.string()).describe('Keywords, hashtags and mentions tracked as brand mentions'),
    targetAction: z.string().describe('The action that counts as a conversion, e.g. sign_up'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Campaign' });

const campaignFields = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(255),
  goal: z.enum(campaignGoals),
  startsOn: dateSchema,
  endsOn: dateSchema,
  attributionWindowDays: z.number().int().min(1).max(365).default(28),
  budgetMinor: minorUnits.default(0),
  currency: currencySchema,
  trackingKeywords: z.array(z.string().trim().min(1).max(255)).max(100).default([]),
  targetAction: z.string().trim().min(1).max(255),
});

const periodIsOrdered = (body: { startsOn?: string | undefined; endsOn?: string | undefined }) => !body.startsOn || !body.endsOn || body.startsOn <= body.endsOn;
const periodMessage = { message: 'endsOn must be on or after startsOn', path: ['endsOn'] };

// A campaign whole: what a new one is created from, and what a patched one must still be.
export const createCampaignBody = campaignFields.refine(periodIsOrdered, periodMessage);
export const updateCampaignBody = mergePatchSchema(createCampaignBody, 'CampaignPatch', 'null sets attributionWindowDays, budgetMinor and trackingKeywords back to their defaults; every other field needs a value. The patched campaign must still end on or after its start.');

export const listCampaignsQuery = z.object({
  goal: z.enum(campaignGoals).optional(),
  activeOn: dateSchema.optional().describe('Only campaigns running on this date'),
  ...paginationQuery(['createdAt', 'name', 'startsOn'] as const, 'startsOn'),
});

export const campaignPage = pageOf(campaignSchema);
