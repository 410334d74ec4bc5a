import { z } from 'zod';
import { BRAND_SAFETY_CATEGORIES, SENTIMENT_LABELS } from '@persona-ops/domain/core';
import { idSchema, paginationQuery, pageOf, periodQuery, timestampSchema } from '../../http/common.schemas.ts';

export const incomingCommentSchema = z.object({
  postId: idSchema,
  platformCommentId: z.string().trim().min(1, 'is the comment id the platform gave it').max(255),
  authorHandle: z.string().max(255).default(''),
  text: z.string().max(10_000),
  postedAt: timestampSchema,
});

export const bulkCommentsBody = z.object({
  comments: z.array(incomingCommentSchema).min(1, 'send at least one comment').max(10_000, 'send at most 10,000 comments a request'),
});

export const acceptedSchema = z
  .object({
    accepted: z.number().int().describe('New comments stored and queued for classification'),
    duplicates: z.number().int().describe('Comments already known (same post and platform id): unchanged'),
  })
  .meta({ id: 'CommentsAccepted' });

export const classificationSchema = z
  .object({
    sentiment: z.enum(SENTIMENT_LABELS),
    score: z.number(),
    flags: z.array(z.string()),
    mentionsCharacter: z.boolean(),
    language: z.string().nullable().describe("ISO 639-1 code of the comment's language as the classifier detected it, 'und' when the text did not say; null when it was not detected (classified before language detection, or by a classifier that does not detect it)"),
    classifier: z.string(),
    version: z.string(),
    classifiedAt: z.iso.datetime(),
  })
  .meta({ id: 'CommentClassification' });

export const commentSchema = z
  .object({
    id: idSchema,
    postId: idSchema,
    platformCommentId: z.string(),
    authorHandle: z.string(),
    text: z.string(),
    postedAt: z.iso.datetime(),
    classification: classificationSchema.nullable().describe('The latest classification; null while it waits in the queue'),
  })
  .meta({ id: 'Comment' });

export const listCommentsQuery = z.object({
  postId: idSchema.optional(),
  campaignId: idSchema.optional(),
  sourceId: idSchema.optional(),
  sentiment: z.enum(SENTIMENT_LABELS).optional(),
  category: z.enum(BRAND_SAFETY_CATEGORIES).optional().describe('Only comments flagged with this brand-safety category'),
  flagged: z.enum(['true', 'false']).transform((value) => value === 'true').optional().describe('Only comments with (true) or without (false) any brand-safety flag'),
  ...periodQuery,
  ...paginationQuery(['postedAt'] as const, 'postedAt'),
});

export const commentPage = pageOf(commentSchema);
