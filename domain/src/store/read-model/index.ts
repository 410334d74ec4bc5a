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
// The lists read as rows (keyset pages on the cursors findByCursor gives).
export { readKeysetPage, type Keyset, type KeysetPage, type SortKey } from './keyset.ts';
export { campaignListPage, campaignListSorts, type CampaignView, type CampaignListFilter } from './campaign-list.reads.ts';
export { assetListPage, assetListSorts, type AssetView, type AssetListFilter } from './asset-list.reads.ts';
export { postListPage, postListSorts, type PostView, type PostListFilter } from './post-list.reads.ts';
export { commentListPage, commentListSorts, type ClassifiedComment, type ClassificationView, type CommentView, type CommentListFilter } from './comment-list.reads.ts';
