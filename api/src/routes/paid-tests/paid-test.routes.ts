import type { FastifyZod } from '../../http/fastify-zod.ts';
import { idParams } from '../../http/common.schemas.ts';
import { problemResponses, problemSchema } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { createPaidTest, getPaidTest, listPaidTests, updatePaidTestArm } from '../../services/paid-tests.service.ts';
import { createPaidTestBody, listPaidTestsQuery, paidTestArmParams, paidTestPage, paidTestSchema, updatePaidTestArmBody } from './paid-test.schemas.ts';

const tags = ['paid-tests'];
const writers = ['studio'] as const;
const rules = { 422: problemSchema.describe("An arm is not in the campaign's currency (currency_mismatch), or the arms or counts break a rule (rule_violation)") };

// Paid-social tests of a campaign: the AI asset against control creatives (creative_ab, giving
// paid_media_lift) or a treatment against a holdout group (holdout, giving incremental_lift).
export async function paidTestRoutes(app: FastifyZod) {
  app.post('/v1/paid-tests', {
    config: { roles: writers },
    schema: {
      tags,
      summary: 'Record a paid test of a campaign with its arms',
      description: [
        'creative_ab: exactly one treatment arm, the AI asset (aiGenerated), and one or more control arms (non-AI creatives); no holdout arm.',
        'holdout: exactly one treatment arm and one holdout arm, both with their audience; the holdout arm has no asset, no spend and is not aiGenerated.',
        "Every arm is in the campaign's currency; an asset must be one of the campaign's. Counts are whole numbers of 0 or more (400);",
        'clicks ≤ impressions, and conversions ≤ clicks (creative_ab) or ≤ audience (holdout) (422). Counts may be left out and filled in later with PUT.',
      ].join(' '),
      body: createPaidTestBody,
      response: { 201: paidTestSchema, ...problemResponses, ...rules },
    },
  }, async (request, reply) => {
    const test = await createPaidTest(request.em, workspaceOf(request), request.body);
    return reply.status(201).send(await getPaidTest(request.em, workspaceOf(request), test.id));
  });

  app.get('/v1/paid-tests', {
    schema: { tags, summary: 'List paid tests, each with its arms and result', querystring: listPaidTestsQuery, response: { 200: paidTestPage, ...problemResponses } },
  }, async (request) => {
    const { campaignId, kind, ...page } = request.query;
    return listPaidTests(request.em, workspaceOf(request), { campaignId, kind }, page);
  });

  app.get('/v1/paid-tests/:id', {
    schema: {
      tags,
      summary: 'Get one paid test with its arms and result',
      description: 'creative_ab: paid_media_lift of the AI arm against each control on CTR, conversion rate (two-proportion test, 95 % intervals) and CPA. holdout: incremental_lift with its 95 % interval.',
      params: idParams,
      response: { 200: paidTestSchema, ...problemResponses },
    },
  }, async (request) => getPaidTest(request.em, workspaceOf(request), request.params.id));

  app.put('/v1/paid-tests/:id/arms/:name', {
    config: { roles: writers },
    schema: {
      tags,
      summary: "Replace one arm's spend and counts as results come in (idempotent)",
      description: 'The body is the arm\'s counts as they stand now; an omitted count becomes unknown. Name, role, asset and aiGenerated stay as recorded. Answers the whole test with its updated result.',
      params: paidTestArmParams,
      body: updatePaidTestArmBody,
      response: { 200: paidTestSchema, ...problemResponses, ...rules },
    },
  }, async (request) => {
    await updatePaidTestArm(request.em, workspaceOf(request), request.params.id, request.params.name, request.body);
    return getPaidTest(request.em, workspaceOf(request), request.params.id);
  });
}
