import { z } from 'zod';
import { dateSchema, idSchema, paginationQuery, pageOf, periodQuery, timestampSchema } from '../../http/common.schemas.ts';
import { COUNTRY_CODES, LANGUAGE_CODES } from './iso-codes.ts';

const count = (what: string) =>
  z
    .number()
    .int('must be a whole number')
    .min(0, 'cannot be negative')
    .max(Number.MAX_SAFE_INTEGER, 'is too large')
    .nullable()
    .optional()
    .describe(`${what}; omit it or send null when the platform does not report it (unknown is never 0)`);

export const incomingMetricSnapshotSchema = z.object({
  postId: idSchema,
  capturedAt: timestampSchema.describe('When the platform reported these counters (kept to the millisecond)'),
  views: count('Video views'),
  reach: count('Unique accounts that saw the post'),
  impressions: count('Displays, repeats included'),
  likes: count('Likes'),
  comments: count('Comments'),
  shares: count('Shares'),
  saves: count('Saves'),
  profileVisits: count('Profile visits from the post'),
  linkClicks: count('Link-in-bio clicks from the post'),
  follows: count('Follows from the post'),
  watchTimeSeconds: count('Total watch time in seconds'),
  returningViewers: count('Returning viewers'),
});

export const bulkMetricSnapshotsBody = z.object({
  snapshots: z.array(incomingMetricSnapshotSchema).min(1, 'send at least one snapshot').max(10_000, 'send at most 10,000 snapshots a request'),
});

export const incomingFollowerSnapshotSchema = z.object({
  sourceId: idSchema,
  date: dateSchema.describe('The day the count was taken (UTC)'),
  followers: z.number().int('must be a whole number').min(0, 'cannot be negative').max(Number.MAX_SAFE_INTEGER, 'is too large'),
});

export const bulkFollowerSnapshotsBody = z.object({
  snapshots: z.array(incomingFollowerSnapshotSchema).min(1, 'send at least one snapshot').max(10_000, 'send at most 10,000 snapshots a request'),
});

export const incomingAudienceBreakdownSchema = z
  .object({
    postId: idSchema.optional().describe("The post's audience; send this or sourceId"),
    sourceId: idSchema.optional().describe("The source's (account's) audience; send this or postId"),
    dimension: z.enum(['country', 'language']),
    key: z.string().describe('ISO 3166-1 alpha-2 in capitals for a country (e.g. FR), ISO 639-1 in lower case for a language (e.g. fr)'),
    share: z.number().min(0, 'cannot be negative').max(100, 'is a percentage: at most 100').describe('Percent of the audience (4 means 4 %)'),
    capturedOn: dateSchema.describe('The day the platform reported it (UTC)'),
  })
  .superRefine((row, context) => {
    if ((row.postId === undefined) === (row.sourceId === undefined)) {
      context.addIssue({ code: 'custom', path: ['postId'], message: 'send exactly one of postId and sourceId' });
    }
    if (row.dimension === 'country' && !COUNTRY_CODES.has(row.key)) {
      context.addIssue({ code: 'custom', path: ['key'], message: 'must be an ISO 3166-1 alpha-2 country code in capitals, e.g. FR' });
    }
    if (row.dimension === 'language' && !LANGUAGE_CODES.has(row.key)) {
      context.addIssue({ code: 'custom', path: ['key'], message: 'must be an ISO 639-1 language code in lower case, e.g. fr' });
    }
  });

export const bulkAudienceBreakdownsBody = z.object({
  breakdowns: z.array(incomingAudienceBreakdownSchema).min(1, 'send at least one breakdown row').max(10_000, 'send at most 10,000 breakdown rows a request'),
});

export const upsertResultSchema = z
  .object({
    inserted: z.number().int().describe('Rows stored for the first time'),
    updated: z.number().int().describe('Rows already stored with other values: replaced'),
    unchanged: z.number().int().describe('Rows already stored with the same values: nothing written'),
  })
  .meta({ id: 'UpsertResult' });

export const breakdownResultSchema = upsertResultSchema
  .extend({ removed: z.number().int().describe('Stored keys of a re-sent breakdown (same subject, dimension and day) that it no longer lists: deleted') })
  .meta({ id: 'BreakdownUpsertResult' });

const counter = z.number().int().nullable();

export const metricSnapshotSchema = z
  .object({
    id: idSchema,
    postId: idSchema,
    capturedAt: z.iso.datetime(),
    views: counter,
    reach: counter,
    impressions: counter,
    likes: counter,
    comments: counter,
    shares: counter,
    saves: counter,
    profileVisits: counter,
    linkClicks: counter,
    follows: counter,
    watchTimeSeconds: counter,
    returningViewers: counter,
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'MetricSnapshot' });

export const listMetricSnapshotsQuery = z.object({
  postId: idSchema.describe('The post whose series to read'),
  ...periodQuery,
  ...paginationQuery(['capturedAt'] as const, 'capturedAt'),
  order: z.enum(['asc', 'desc']).default('asc').describe('Oldest first by default, as a chart draws it'),
});

export const metricSnapshotPage = pageOf(metricSnapshotSchema);

export const followerSnapshotSchema = z
  .object({
    id: idSchema,
    sourceId: idSchema,
    date: dateSchema,
    followers: z.number().int(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'FollowerSnapshot' });

export const listFollowerSnapshotsQuery = z.object({
  sourceId: idSchema.describe('The source whose series to read'),
  from: dateSchema.optional().describe('First day (inclusive), ISO-8601 date'),
  to: dateSchema.optional().describe('Last day (exclusive), ISO-8601 date'),
  ...paginationQuery(['date'] as const, 'date'),
  order: z.enum(['asc', 'desc']).default('asc').describe('Oldest first by default, as a chart draws it'),
});

export const followerSnapshotPage = pageOf(followerSnapshotSchema);
