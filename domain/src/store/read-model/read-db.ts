import type { EntityManager } from '@mikro-orm/postgresql';
import type { InferKyselyDB } from '@mikro-orm/sql';
import type { Kysely } from 'kysely';
import type { Asset, AssetTransition, Brief, Campaign, Comment, CommentClassification, ConversionCount, FollowerSnapshot, MetricSnapshot, OfferCode, Post, PostRollup, SnapshotLatestRollup, SnapshotRollup, Source, SurveyAnswerCount, TrackingLink, Workspace } from '../entities/index.ts';

// The tables the reports read, typed from their entities (table and column names as stored).
type ReadEntities =
  | typeof Asset | typeof AssetTransition | typeof Brief | typeof Campaign | typeof Comment | typeof CommentClassification | typeof ConversionCount | typeof FollowerSnapshot
  | typeof MetricSnapshot | typeof OfferCode | typeof Post | typeof PostRollup | typeof SnapshotLatestRollup | typeof SnapshotRollup | typeof Source
  | typeof SurveyAnswerCount | typeof TrackingLink | typeof Workspace;
export type ReadDb = InferKyselyDB<ReadEntities>;

/** The typed query builder on the manager's connection (and its transaction, if any). */
export const readDb = (em: EntityManager): Kysely<ReadDb> => em.getKysely<ReadDb>();
