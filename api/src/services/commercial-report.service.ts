import type { EntityManager } from '@mikro-orm/postgresql';
import {
  Campaign,
  Workspace,
  aiCharacterAssetsUsed,
  campaignsInScope,
  conversionDayTotals,
  costLinesOf,
  costPartiesOf,
  paidSpendOf,
  postAggregates,
  surveyAnswerTotal,
  type ReadScope,
} from '@persona-ops/domain/store';
import { NO_POSTS, attributionWindowOf, commercialRateDays, commercialReportOf, validateThresholdOverrides, type CommercialReportInputs, type ReportScope } from '@persona-ops/domain/core';
import { fxRatesFor } from './fx-rates-for.ts';
import { assertFilterIdsOwned } from './owned.ts';
import { reportLifts } from './paid-tests.service.ts';
import type { Basis } from './report-basis.ts';

/**
 * Layer 3, commercial influence: reads the scope's campaigns, post sums, AI-character assets used,
 * conversion days, cost records, the exchange rates they need, survey answers and paid tests; the
 * core assembles the report (commercialReportOf, which says what the scope is). On the rollup basis
 * the post sums and the assets used come from the rollups.
 */
export async function commercialReport(em: EntityManager, workspaceId: string, query: ReportScope, now: Date, basis: Basis = 'live') {
  await assertFilterIdsOwned(em, workspaceId, { campaignId: query.campaignId, sourceId: query.sourceId });
  const workspace = await em.findOneOrFail(Workspace, { id: workspaceId });
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
  const [posts, assets, days, lines, parties, paidSpend] = ids.length === 0
    ? [NO_POSTS, [], [], [], [], []]
    : await Promise.all([
        postAggregates(em, read),
        aiCharacterAssetsUsed(em, read),
        conversionDayTotals(em, read),
        costLinesOf(em, workspaceId, ids),
        costPartiesOf(em, workspaceId, ids),
        paidSpendOf(em, workspaceId, ids),
      ]);
  const inputs: CommercialReportInputs = {
    campaigns, posts, assets, days, costs: { lines, parties, paidSpend }, workspaceCurrency: workspace.currency,
    currencyRule: { reportingCurrency: workspace.reportingCurrency, alwaysReporting: false },
  };
  const rates = await fxRatesFor(em, workspaceId, commercialRateDays(query, inputs));

  // Survey answers count over the selected campaign's attribution window.
  const single = campaigns.find((campaign) => campaign.id === query.campaignId);
  const window = single && attributionWindowOf(single);
  const surveyAnswers = ids.length === 0 ? null : await surveyAnswerTotal(em, { ...scope, campaignIds: ids }, { firstDay: window?.start, lastDay: window?.end });
  // incremental_lift and paid_media_lift: from the paid tests of the campaigns in scope that run in the period.
  const lifts = await reportLifts(em, workspaceId, ids, { from: scope.from, to: scope.to }, options);
  const goal = query.campaignId ? (await em.findOneOrFail(Campaign, { id: query.campaignId, workspace: workspaceId })).goal : null;
  return commercialReportOf(query, inputs, rates, { surveyAnswers, lifts, goal }, options);
}
