// The reports' read model: one typed query per measure, each taking a scope, a grouping and a basis.
export { rollupPeriod, rollupCanAnswer, type Answer, type Basis, type Grouping, type Read, type ReadScope, type SourceWindow } from './scope.ts';
export { postAggregates, type PostAggregates } from './posts.reads.ts';
export { audienceSums, followerGrowth, campaignSources, followerSnapshotsAround } from './audience.reads.ts';
export { brandMentionCounts, type MentionCounts } from './mentions.reads.ts';
export { commentCounts, type CommentCountSums } from './comments.reads.ts';
export { windowSamples } from './samples.reads.ts';
export { aiCharacterAssetsUsed, assetPlacements, type AssetPlacementSummary } from './assets.reads.ts';
export { conversionDayTotals, surveyAnswerTotal } from './conversions.reads.ts';
export { campaignsInScope } from './campaigns.reads.ts';
export { assetsFirstApprovedIn } from './approvals.reads.ts';
export { sourceKindsOf } from './sources.reads.ts';
// The rows' types are the core's inputs; re-exported for the services that name them.
export type { ConversionDayTotals, ScopedCampaign, UsedAsset } from '../../core/reports/commercial-report.ts';
export type { WindowSample } from '../../core/reports/comparison-report.ts';
