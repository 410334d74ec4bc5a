import type { FastifyZod } from '../../http/fastify-zod.ts';
import { problemResponses, problemSchema } from '../../http/problem.ts';
import { reportQuery } from '../../http/report.schemas.ts';
import { compareQuery } from '../../http/previous-period.schemas.ts';
import { audienceHeadlines, brandSafetyHeadlines, commercialHeadlines, productionHeadlines } from '@persona-ops/domain/core';
import { withPreviousPeriod } from '../../services/previous-period.ts';
import { campaignReportPdf } from '../../http/campaign-report-pdf.ts';
import { formatQuery, printableReportResponse, reportResponse, sendPdf, sendReport } from '../../http/report-export.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { idParams } from '../../http/common.schemas.ts';
import { audienceReport } from '../../services/audience-report.service.ts';
import { campaignReport } from '../../services/campaign-report.service.ts';
import { executiveAnswerReport } from '../../services/executive-answer.service.ts';
import { comparisonReport } from '../../services/comparison-report.service.ts';
import { overviewReport } from '../../services/overview-report.service.ts';
import { brandSafetyReport } from '../../services/brand-safety-report.service.ts';
import { commercialReport } from '../../services/commercial-report.service.ts';
import { productionReport } from '../../services/production-report.service.ts';
import { audienceReportQuery, audienceReportSchema } from './audience-report.schemas.ts';
import { brandSafetyReportQuery, brandSafetyReportSchema } from './brand-safety-report.schemas.ts';
import { campaignReportQuery, campaignReportSchema } from './campaign-report.schemas.ts';
import { comparisonReportQuery, comparisonReportSchema } from './comparison-report.schemas.ts';
import { overviewReportQuery, overviewReportSchema } from './overview-report.schemas.ts';
import { executiveAnswerQuery, executiveAnswerSchema } from './executive-answer.schemas.ts';
import { commercialReportSchema } from './commercial-report.schemas.ts';
import { productionReportSchema } from './production-report.schemas.ts';

const tags = ['reports'];

export async function reportRoutes(app: FastifyZod) {
  app.get('/v1/reports/production', {
    schema: {
      tags,
      summary: 'Layer 1, production efficiency: every pipeline KPI over the assets in scope',
      querystring: reportQuery.extend(formatQuery).extend(compareQuery),
      response: { 200: reportResponse(productionReportSchema), ...problemResponses, 422: problemSchema.describe('Assets in scope use different currencies') },
    },
  }, async (request, reply) => {
    const { format, compare, ...query } = request.query;
    const now = new Date();
    const report = await withPreviousPeriod(request.em, query, compare, now, (em, scope) => productionReport(em, workspaceOf(request), scope, now), productionHeadlines);
    return sendReport(reply, format, 'production-report', productionReportSchema, report);
  });

  app.get('/v1/reports/brand-safety', {
    schema: {
      tags,
      summary: 'Brand safety: sentiment, flagged and mention rates, per-category rates, the daily trend and its spikes, over the comments in scope',
      description: 'Each comment counts once, at its latest classification. The flagged comments themselves: GET /v1/comments?category=…&sentiment=…',
      querystring: brandSafetyReportQuery.extend(formatQuery).extend(compareQuery),
      response: { 200: reportResponse(brandSafetyReportSchema), ...problemResponses },
    },
  }, async (request, reply) => {
    const { format, compare, ...query } = request.query;
    const report = await withPreviousPeriod(request.em, query, compare, new Date(), (em, scope) => brandSafetyReport(em, workspaceOf(request), scope), brandSafetyHeadlines);
    return sendReport(reply, format, 'brand-safety-report', brandSafetyReportSchema, report);
  });

  app.get('/v1/reports/audience', {
    schema: {
      tags,
      summary: 'Layer 2, audience performance: every audience KPI over the posts published in the period, each at its latest snapshot in the period',
      description: 'Tiered KPIs carry their tier and the thresholds used (the workspace\'s overrides, else the defaults). A KPI without enough data is null, with the sample it was computed on. The series: GET /v1/metric-snapshots?postId=…',
      querystring: audienceReportQuery.extend(formatQuery).extend(compareQuery),
      response: { 200: reportResponse(audienceReportSchema), ...problemResponses },
    },
  }, async (request, reply) => {
    const { format, compare, ...query } = request.query;
    const now = new Date();
    const report = await withPreviousPeriod(request.em, query, compare, now, (em, scope) => audienceReport(em, workspaceOf(request), scope, now), audienceHeadlines);
    return sendReport(reply, format, 'audience-report', audienceReportSchema, report);
  });

  app.get('/v1/reports/commercial', {
    schema: {
      tags,
      summary: 'Layer 3, commercial influence: cost and its components, CPM, CPV, CTR, CPC, CPR, CPA, conversion rate, target actions, attributed sales, revenue and ROI, the funnel, insights and (for one campaign) the verdict',
      description: 'Cost = campaign fees + paid spend of the paid posts in scope + production cost of the AI-character assets they used. Cost tiers are in USD unless the workspace overrides them. A KPI without enough data is null. Incremental lift and paid-media lift need a holdout or a paid test with a control creative, which are not recorded, so they are not part of this report.',
      querystring: reportQuery.extend(formatQuery).extend(compareQuery),
      response: { 200: reportResponse(commercialReportSchema), ...problemResponses, 422: problemSchema.describe('The scope mixes currencies and an exchange rate it needs is missing (fx_rate_missing names the pair and the day)') },
    },
  }, async (request, reply) => {
    const { format, compare, ...query } = request.query;
    const now = new Date();
    const report = await withPreviousPeriod(request.em, query, compare, now, (em, scope) => commercialReport(em, workspaceOf(request), scope, now), commercialHeadlines);
    return sendReport(reply, format, 'commercial-report', commercialReportSchema, report);
  });

  app.get('/v1/reports/campaign/:id', {
    schema: {
      tags,
      summary: 'One campaign on one page: reach and engagement, audience quality, sentiment, production, the funnel, the cost, every tiered KPI with its tier, one insight per KPI and the verdict',
      description: 'Built from the audience, brand-safety, production and commercial reports of the campaign (narrowed by the same filters). The verdict (scale, learn & repeat, fix the creative, fix the funnel, stop) uses the tiers of every layer and names the rule that fired.',
      params: idParams,
      querystring: campaignReportQuery,
      response: { 200: printableReportResponse(campaignReportSchema), ...problemResponses, 422: problemSchema.describe("The campaign's figures mix currencies") },
    },
  }, async (request, reply) => {
    const { format, ...filters } = request.query;
    const report = await campaignReport(request.em, workspaceOf(request), request.params.id, filters, new Date());
    const name = `campaign-report-${request.params.id}`;
    if (format === 'pdf') return sendPdf(reply, name, () => campaignReportPdf(report));
    return sendReport(reply, format, name, campaignReportSchema, report);
  });

  app.get('/v1/reports/overview', {
    schema: {
      tags,
      summary: 'The three layers side by side per source kind (AI character, human creator, studio, product ad): production, audience and commercial headline KPIs with their tiers',
      description: 'Each kind is the production, audience and commercial report asked with that sourceKind and the same filters. A kind whose commercial scope mixes currencies shows commerce null and says why.',
      querystring: overviewReportQuery,
      response: { 200: reportResponse(overviewReportSchema), ...problemResponses },
    },
  }, async (request, reply) => {
    const { format, ...filters } = request.query;
    return sendReport(reply, format, 'overview-report', overviewReportSchema, await overviewReport(request.em, workspaceOf(request), filters, new Date()));
  });

  app.get('/v1/reports/executive-answer', {
    schema: {
      tags,
      summary: 'Is the AI character worth it? For a goal, against human creators, studio content and product ads, at equal account age, in plain sentences',
      description: "Built on the comparison (each source over [launch, launch + windowDays)): the goal's deciding KPIs with the difference, cost per result, ROI, net sentiment, production velocity and sample sizes per side, and what keeps the answer open (cost not recorded, too new, too few results). A source whose cost is not recorded is never counted on a cost KPI. Rule table in domain/src/core/executive-answer.ts.",
      querystring: executiveAnswerQuery,
      response: { 200: executiveAnswerSchema, ...problemResponses, 422: problemSchema.describe('An exchange rate the conversion needs is missing (fx_rate_missing names the pair and the day)') },
    },
  }, async (request) => executiveAnswerReport(request.em, workspaceOf(request), request.query, new Date()));

  app.get('/v1/reports/comparison', {
    schema: {
      tags,
      summary: "Sources compared by the job: the goal's deciding KPIs, each source over the same number of days since its launch, in one currency, ranked per KPI",
      description: 'Each source is measured over [launch, launch + windowDays) (its launch date, else its first post) by the audience and commercial reports asked with its id and that window. A source whose window has not elapsed by asOf is too new to compare: listed, never ranked. Cost KPIs rank lower-is-better; a source whose cost is not recorded is not ranked on them. Every amount is in the workspace’s reporting currency, converted at each amount’s day (422 when a rate is missing).',
      querystring: comparisonReportQuery,
      response: { 200: reportResponse(comparisonReportSchema), ...problemResponses, 422: problemSchema.describe('An exchange rate the conversion needs is missing (fx_rate_missing names the pair and the day)') },
    },
  }, async (request, reply) => {
    const { format, ...filters } = request.query;
    return sendReport(reply, format, 'comparison-report', comparisonReportSchema, await comparisonReport(request.em, workspaceOf(request), filters, new Date()));
  });
}
