import type { EntityManager } from '@mikro-orm/postgresql';
import { Campaign, campaignBreakdowns, loadFxRates, type CostPartyRow, type ICampaign, type PaidSpendRow } from '@persona-ops/domain/store';
import { allocateCostLines, campaignPacing, campaignReportOf, layerOrRefusal, deliverablesOf, money, reportCurrency, type AudienceReportQuery, type CostLine, type ReportScope } from '@persona-ops/domain/core';
import { audienceReport } from './audience-report.service.ts';
import { brandSafetyReport } from './brand-safety-report.service.ts';
import { commercialReport } from './commercial-report.service.ts';
import { findOwned } from './owned.ts';
import { productionReport } from './production-report.service.ts';
import { campaignPageContext, sharedCostRecords } from './report-context.ts';

/**
 * Budget pacing in the campaign's currency: a cost line or paid post in another currency is
 * converted at its own day's rate (a missing rate is the report's 422, as for its cost).
 */
async function budgetPacing(em: EntityManager, campaign: ICampaign, inputs: { lines: CostLine[]; parties: CostPartyRow[]; paidSpend: PaidSpendRow[] }, now: Date) {
  const foreign = [...inputs.lines.map((l) => ({ currency: l.currency, day: l.incurredOn })), ...inputs.paidSpend.map((r) => ({ currency: r.currency, day: r.publishedAt.slice(0, 10) }))].filter((amount) => amount.currency !== campaign.currency);
  const days = foreign.map((amount) => amount.day).sort();
  const rates = days.length === 0 ? [] : await loadFxRates(em.fork(), campaign.workspace.id, { currencies: [campaign.currency, ...foreign.map((amount) => amount.currency)], from: days[0]!, to: days.at(-1)! });
  const { convert } = reportCurrency({ currency: campaign.currency, converted: foreign.length > 0 }, rates);
  const shares = allocateCostLines(inputs.lines, deliverablesOf(inputs.parties)).map((share) => ({ ...share, amount: convert(share.amount, share.incurredOn) }));
  const spendOf = Map.groupBy(inputs.paidSpend, (row) => row.sourceId);
  const parties = inputs.parties.map((party) => ({
    ...party,
    paidSpendMinor: (spendOf.get(party.sourceId) ?? []).reduce((sum, row) => sum + convert(money(row.spendMinor, row.currency), row.publishedAt.slice(0, 10)).amountMinor, 0),
  }));
  return campaignPacing({ budgetMinor: campaign.budgetMinor, currency: campaign.currency, startsOn: campaign.startsOn, endsOn: campaign.endsOn, shares, parties, now });
}

/** The report's filters: the campaign is the path's; these narrow it (some sources, a period, the lift's lag). */
export type CampaignReportFilters = Omit<ReportScope, 'campaignId'> & Pick<AudienceReportQuery, 'lagDays'>;

/** The campaign's layer reports and pacing, loaded at the same time; the core puts the page together (campaignReportOf). */
export async function campaignReport(em: EntityManager, workspaceId: string, campaignId: string, filters: CampaignReportFilters, now: Date) {
  const campaign = await findOwned(em, Campaign, 'campaign', campaignId, workspaceId);
  // The layers share the campaign, the workspace and the reads they make alike (report-context.ts).
  const context = await campaignPageContext(em, workspaceId, campaign, filters);
  const { lagDays, ...common } = filters;
  const query = { ...common, campaignId };
  const period = { from: filters.from ? new Date(filters.from) : undefined, to: filters.to ? new Date(filters.to) : undefined };
  // Each service on a fork of its own: they run at the same time and share no identity map.
  const [audience, commercial, pipeline, safety, breakdowns, costs] = await Promise.all([
    audienceReport(em.fork(), workspaceId, { ...query, lagDays }, now, 'live', context),
    commercialReport(em.fork(), workspaceId, query, now, 'live', context),
    // The page still answers when the pipeline's records contradict each other; it says why.
    layerOrRefusal(productionReport(em.fork(), workspaceId, query, now, 'live', context)),
    brandSafetyReport(em.fork(), workspaceId, query, context),
    campaignBreakdowns(em.fork(), workspaceId, { campaignId, sourceId: filters.sourceId, sourceKind: filters.sourceKind, ...period }),
    // Pacing is the whole campaign's, whatever the filters: the budget is the campaign's.
    sharedCostRecords(context, em.fork(), workspaceId, [campaignId]),
  ]);
  const pacing = await budgetPacing(em, campaign, costs, now);
  return campaignReportOf(filters, { campaign, audience, commercial, pipeline, safety, breakdowns, pacing }, now);
}
