import { z } from 'zod';
import { assetKinds, assetStates, channels, placementKinds, reviewDecisions, transitionActions } from '@persona-ops/domain/core';
import { currencySchema, idSchema, isoWeekQuery, minorUnits, paginationQuery, pageOf, periodQuery, timestampSchema } from '../../http/common.schemas.ts';
import { mergePatchSchema } from '../../http/merge-patch.ts';

export const transitionSchema = z
  .object({
    id: idSchema,
    action: z.enum(transitionActions),
    fromState: z.enum(assetStates).nullable(),
    toState: z.enum(assetStates),
    reason: z.string().nullable(),
    actorId: idSchema.nullable(),
    actorName: z.string().nullable().describe('The name of the user who acted; null for a step recorded without one'),
    at: z.iso.datetime(),
  })
  .meta({ id: 'AssetTransition' });

export const assetSchema = z
  .object({
    id: idSchema,
    briefId: idSchema,
    campaignId: idSchema,
    sourceId: idSchema,
    title: z.string(),
    kind: z.enum(assetKinds),
    tool: z.string().describe('Generative tool or model, e.g. "midjourney"'),
    toolVersion: z.string(),
    promptRef: z.string().describe('Where the prompt is kept, e.g. a file or document reference'),
    currency: z.string(),
    generationCostMinor: z.number().int(),
    otherCostMinor: z.number().int(),
    productionHours: z.number(),
    state: z.enum(assetStates),
    legalActions: z.array(z.string()).describe('What may happen to the asset next'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Asset' });

export const assetWithHistorySchema = assetSchema.extend({ transitions: z.array(transitionSchema) }).meta({ id: 'AssetWithHistory' });

export const createAssetBody = z.object({
  briefId: idSchema,
  title: z.string().trim().min(1, 'must not be empty').max(255),
  kind: z.enum(assetKinds),
  tool: z.string().trim().min(1, 'name the tool or model that made it (or "camera" for a shoot)').max(255),
  toolVersion: z.string().max(255).default(''),
  promptRef: z.string().max(255).default(''),
  currency: currencySchema,
  generationCostMinor: minorUnits.default(0),
  otherCostMinor: minorUnits.default(0),
  productionHours: z
    .number({ message: 'is required: production time is never hidden (0 is allowed)' })
    .min(0, 'cannot be negative')
    .max(10_000),
  draftedAt: timestampSchema
    .optional()
    .describe("When the draft was made, for history entered later; defaults to now. Not in the future, not before the brief opened"),
});

// What the studio may correct while the asset is a draft or sent back: its brief, currency and
// history are fixed at creation.
export const assetFields = createAssetBody.pick({ title: true, kind: true, tool: true, toolVersion: true, promptRef: true, generationCostMinor: true, otherCostMinor: true, productionHours: true });

export const updateAssetBody = mergePatchSchema(assetFields, 'AssetPatch', 'only while the asset is a draft or sent back for changes (409 otherwise: what was reviewed stays as it was); null sets toolVersion and promptRef back to empty and the costs to 0.');

export const submitBody = z
  .object({
    submittedAt: timestampSchema
      .optional()
      .describe("When it was submitted, for history entered later; defaults to now. Not in the future, not before the asset's previous step"),
  })
  .optional()
  .describe('Optional: send no body to submit now');

export const reviewBody = z.object({
  decision: z.enum(reviewDecisions),
  reason: z.string().trim().max(5_000).optional().describe('Required for request_changes and reject'),
  decidedAt: timestampSchema
    .optional()
    .describe("When the decision was taken, for history entered later; defaults to now. Not in the future, not before the submission. A post cannot be published before its approval"),
});

const placementFields = {
  channel: z.enum(channels),
  url: z.url({ protocol: /^https?$/, message: 'must be the http(s) address of the post' }).max(2048),
  publishedAt: timestampSchema.optional().describe("When it went live; defaults to now. Not in the future, not before the asset's approval"),
  aiLabelApplied: z.boolean().describe("Whether the platform's AI-generated-content disclosure label was applied"),
};

export const publishBody = z
  .object({
    ...placementFields,
    placement: z.enum(placementKinds).default('organic'),
    spendMinor: minorUnits.default(0),
    currency: currencySchema.optional().describe("Defaults to the campaign's currency"),
  })
  .refine((body) => body.placement === 'paid' || body.spendMinor === 0, { message: 'an organic placement has no spend; use placement "paid"', path: ['spendMinor'] });

export const paidReuseBody = z.object({
  ...placementFields,
  spendMinor: minorUnits.refine((value) => value > 0, 'a paid placement needs its spend'),
  currency: currencySchema.optional().describe("Defaults to the campaign's currency"),
});

export const listAssetsQuery = z.object({
  campaignId: idSchema.optional(),
  sourceId: idSchema.optional(),
  briefId: idSchema.optional(),
  state: z.enum(assetStates).optional(),
  approvedWeek: isoWeekQuery.optional().describe('Only the assets first approved in this ISO week (UTC), e.g. 2026-W47: the assets behind a bar of the content-velocity chart'),
  ...periodQuery,
  ...paginationQuery(['createdAt', 'updatedAt', 'title'] as const, 'createdAt'),
});

export const assetPage = pageOf(assetSchema);

/** The most assets one export answers; narrow the filters (state, campaign, source, period) past it. */
export const MAX_EXPORTED_ASSETS = 10_000;

export const exportAssetsQuery = listAssetsQuery.pick({ campaignId: true, sourceId: true, briefId: true, state: true, approvedWeek: true, from: true, to: true });

export const exportedAssetSchema = assetSchema
  .omit({ legalActions: true })
  .extend({ campaignName: z.string(), sourceName: z.string() })
  .meta({ id: 'ExportedAsset' });

/** The CSV's columns, in order: one row per asset. */
export const ASSET_EXPORT_COLUMNS = [
  'id', 'title', 'kind', 'state', 'campaignId', 'campaignName', 'sourceId', 'sourceName', 'briefId',
  'tool', 'toolVersion', 'promptRef', 'currency', 'generationCostMinor', 'otherCostMinor', 'productionHours', 'createdAt', 'updatedAt',
] as const;

export const assetExportSchema = z
  .object({ items: z.array(exportedAssetSchema).describe(`Every asset matching the filters, newest first (at most ${MAX_EXPORTED_ASSETS})`) })
  .meta({ id: 'AssetExport' });
