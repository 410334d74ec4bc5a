// The reports' read model: one typed query per measure, each taking a scope, a grouping and a basis.
export { rollupPeriod, rollupCanAnswer, type Answer, type Basis, type Grouping, type Read, type ReadScope, type SourceWindow } from './scope.ts';
export { postAggregates, type PostAggregates } from './posts.reads.ts';
export { aiCharacterAssetsUsed, assetPlacements, type AssetPlacementSummary, type UsedAsset } from './assets.reads.ts';
export { conversionDayTotals, surveyAnswerTotal, type ConversionDayTotals } from './conversions.reads.ts';
export { campaignsInScope, type ScopedCampaign } from './campaigns.reads.ts';
