// The reports' read model: one typed query per measure, each taking a scope, a grouping and a basis.
export { rollupPeriod, rollupCanAnswer, type Answer, type Basis, type Grouping, type Read, type ReadScope, type SourceWindow } from './scope.ts';
export { postAggregates, type PostAggregates } from './posts.reads.ts';
export { audienceSums, followerGrowth, campaignSources, followerSnapshotsAround } from './audience.reads.ts';
export { brandMentionCounts, type MentionCounts } from './mentions.reads.ts';
export { commentCounts, type CommentCountSums } from './comments.reads.ts';
export { windowSamples, type WindowSample } from './samples.reads.ts';
export { aiCharacterAssetsUsed, assetPlacements, type AssetPlacementSummary, type UsedAsset } from './assets.reads.ts';
export { conversionDayTotals, surveyAnswerTotal, type ConversionDayTotals } from './conversions.reads.ts';
export { campaignsInScope, type ScopedCampaign } from './campaigns.reads.ts';
export { sourceKindsOf } from './sources.reads.ts';
