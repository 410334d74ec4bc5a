import { z } from 'zod';
import { idSchema, timestampSchema } from '../../http/common.schemas.ts';
import { DEFAULT_SHARE_LINK_DAYS, MAX_SHARE_LINK_DAYS } from '../../services/share-links.service.ts';

// The expiry as a number of days or as a moment (the `expiresAt` the link is read back with).
export const createShareLinkBody = z
  .object({
    expiresInDays: z
      .number()
      .int('must be a whole number of days')
      .min(1, `must be 1–${MAX_SHARE_LINK_DAYS} days`)
      .max(MAX_SHARE_LINK_DAYS, `must be 1–${MAX_SHARE_LINK_DAYS} days`)
      .optional()
      .describe(`Days until the link stops working (1–${MAX_SHARE_LINK_DAYS}; ${DEFAULT_SHARE_LINK_DAYS} when neither this nor expiresAt is sent)`),
    expiresAt: timestampSchema.optional().describe(`When the link stops working, instead of expiresInDays: in the future, at most ${MAX_SHARE_LINK_DAYS} days ahead`),
  })
  .refine((body) => body.expiresInDays === undefined || body.expiresAt === undefined, { message: 'send expiresAt or expiresInDays, not both', path: ['expiresAt'] });

export const shareLinkSchema = z
  .object({
    id: idSchema,
    campaignId: idSchema,
    createdBy: z.object({ id: idSchema, name: z.string() }).nullable(),
    status: z.enum(['active', 'expired', 'revoked']),
    expiresAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
    lastViewedAt: z.iso.datetime().nullable().describe('When the shared report was last opened'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ShareLink' });

export const issuedShareLinkSchema = shareLinkSchema
  .extend({
    url: z
      .string()
      .describe("The dashboard's read-only page of the campaign report, no API key needed: send it to whoever should read it. Absolute on the server's configured public URL (PUBLIC_URL); without one, the path `/shared/{token}` on the dashboard's origin. The API's own JSON is at `/v1/shared/campaign-report/{token}`."),
    token: z.string().describe('Shown once: only its SHA-256 hash is stored, so it cannot be shown again'),
  })
  .meta({ id: 'IssuedShareLink' });

export const listShareLinksQuery = z.object({
  campaignId: idSchema.optional().describe("Only this campaign's links"),
});

export const sharedTokenParams = z.object({
  token: z.string().min(1).max(256).describe('The token of a share link'),
});
