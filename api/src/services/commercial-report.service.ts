import type { EntityManager } from '@mikro-orm/postgresql';
import {
  aiCharacterAssetsUsed,
  campaignsInScope,
  conversionDayTotals,
  postAggregates,
  surveyAnswerTotal,
  type ReadScope,
} from '@persona-ops/domain/store';
import { NO_POSTS, attributionWindowOf, commercialRateDays, commercialReportOf, validateThresholdOverrides, type CommercialReportInputs, type ReportScope } from '@persona-ops/domain/core';
import { fxRatesFor } from './fx-rates-for.ts';
import { reportLifts } from './paid-tests.service.ts';
import type { Basis } from './report-basis.ts';
import { reportContext, sharedCostRecords, type ReportContext } from './report-context.ts';

/**
 * Layer 3, commercial influence: reads the scope's campaigns, post sums, AI-character assets used,
 * conversion days, cost records, the exchange rates they need, survey answers and paid tests; the
 * core assembles the report (commercialReportOf, which says what the scope is). On the rollup basis
 * the post sums and the assets used come from the rollups.
 */
export async function commercialReport(em: EntityManager, workspaceId: string, query: ReportScope, now: Date, basis: Basis = 'live', shared?: ReportContext) {
  const context = shared ?? (await reportContext(em, workspaceId, query));
  const workspace = await context.workspace();
  const options = { overrides: validateThresholdOverrides(workspace.tierOverrides) };
  const scope: ReadScope = {
    workspaceId,
    campaignId: query.campaignId,
    sourceId: query.sourceId,
    sourceKind: query.sourceKind,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
  };

  const campaigns = await campaignsInScope(em, { scope, grouping: { by: 'none' } });
  const ids = campaigns.map((campaign) => campaign.id);
  const read = { scope: { ...scope, campaignIds: ids }, grouping: { by: 'none' }, basis } as const;
  const [posts, assets, days, costs] = ids.length === 0
    ? [NO_POSTS, [], [], { lines: [], parties: [], paidSpend: [] }]
    : await Promise.all([
        postAggregates(em, read),
        aiCharacterAssetsUsed(em, read),
        conversionDayTotals(em, read),
        sharedCostRecords(context, em, workspaceId, ids),
      ]);
  const inputs: CommercialReportInputs = {
    campaigns, posts, assets, days, costs, workspaceCurrency: workspace.currency,
    currencyRule: { reportingCurrency: workspace.reportingCurrency, alwaysReporting: false },
  };
  const rates = await fxRatesFor(em, workspaceId, commercialRateDays(query, inputs));

  // Survey answers count over the selected campaign's attribution window.
  const single = campaigns.find((campaign) => campaign.id === query.campaignId);
  const window = single && attributionWindowOf(single);
  const surveyAnswers = ids.length === 0 ? null : await surveyAnswerTotal(em, { ...scope, campaignIds: ids }, { firstDay: window?.start, lastDay: window?.end });
  // incremental_lift and paid_media_lift: from the paid tests of the campaigns in scope that run in the period.
  const lifts = await reportLifts(em, workspaceId, ids, { from: scope.from, to: scope.to }, options);
  const goal = context.campaign?.goal ?? null;
  return commercialReportOf(query, inputs, rates, { surveyAnswers, lifts, goal }, options);
}
