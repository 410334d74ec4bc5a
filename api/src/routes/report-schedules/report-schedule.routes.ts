import type { FastifyZod } from '../../http/fastify-zod.ts';
import { idParams } from '../../http/common.schemas.ts';
import { problemResponses, problemSchema } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import {
  createReportSchedule,
  deleteReportSchedule,
  getReportSchedule,
  listReportDeliveries,
  listReportSchedules,
  sendReportNow,
  toReportDeliveryDto,
  toReportScheduleDto,
  updateReportSchedule,
} from '../../services/report-schedules.service.ts';
import {
  createReportScheduleBody,
  listDeliveriesQuery,
  reportDeliveryPage,
  reportSchedulePage,
  reportScheduleSchema,
  sendNowResponse,
  updateReportScheduleBody,
} from './report-schedule.schemas.ts';

const adminOnly = { roles: [] as const };
const tags = ['scheduled reports'];

// Schedules name recipients and a webhook URL (a credential): every route is the admins'.
export async function reportScheduleRoutes(app: FastifyZod) {
  app.get('/v1/report-schedules', {
    config: adminOnly,
    schema: { tags, summary: 'The scheduled reports of the workspace, oldest first, with when each is sent next', response: { 200: reportSchedulePage, ...problemResponses } },
  }, async (request) => {
    const now = new Date();
    return { items: (await listReportSchedules(request.em, workspaceOf(request))).map((schedule) => toReportScheduleDto(schedule, now)) };
  });

  app.post('/v1/report-schedules', {
    config: adminOnly,
    schema: {
      tags,
      summary: 'Schedule a report (campaign, overview, comparison, brand safety) weekly or monthly, at an hour in UTC, to e-mail recipients and/or a Slack-compatible webhook',
      description: 'The campaign report covers the whole campaign and carries its PDF; the others cover the week (or month) before the run. Each run records one delivery per recipient: GET /v1/report-deliveries.',
      body: createReportScheduleBody,
      response: { 201: reportScheduleSchema, ...problemResponses },
    },
  }, async (request, reply) => {
    const schedule = await createReportSchedule(request.em, request.principal, request.body, app.alertWebhookPolicy);
    await app.reportTimers?.set(schedule);
    return reply.status(201).send(toReportScheduleDto(schedule, new Date()));
  });

  app.get('/v1/report-schedules/:id', {
    config: adminOnly,
    schema: { tags, summary: 'One scheduled report', params: idParams, response: { 200: reportScheduleSchema, ...problemResponses } },
  }, async (request) => toReportScheduleDto(await getReportSchedule(request.em, workspaceOf(request), request.params.id), new Date()));

  app.patch('/v1/report-schedules/:id', {
    config: adminOnly,
    schema: { tags, summary: 'Change a scheduled report: only the fields sent change', params: idParams, body: updateReportScheduleBody, response: { 200: reportScheduleSchema, ...problemResponses } },
  }, async (request) => {
    const schedule = await updateReportSchedule(request.em, workspaceOf(request), request.params.id, request.body, app.alertWebhookPolicy);
    await app.reportTimers?.set(schedule);
    return toReportScheduleDto(schedule, new Date());
  });

  app.delete('/v1/report-schedules/:id', {
    config: adminOnly,
    schema: { tags, summary: 'Stop a scheduled report (its past deliveries stay listed)', params: idParams, response: { 200: reportScheduleSchema, ...problemResponses } },
  }, async (request) => {
    const schedule = await deleteReportSchedule(request.em, workspaceOf(request), request.params.id);
    await app.reportTimers?.remove(request.params.id);
    return toReportScheduleDto({ ...schedule, id: request.params.id }, new Date());
  });

  app.post('/v1/report-schedules/:id/send', {
    config: adminOnly,
    schema: {
      tags,
      summary: 'Send a scheduled report now, as a run of its own, to every recipient (recorded in the audit log as an export)',
      params: idParams,
      response: { 202: sendNowResponse, ...problemResponses, 503: problemSchema.describe('The queues are not configured on this API') },
    },
  }, async (request, reply) => reply.status(202).send(await sendReportNow(request.em, workspaceOf(request), request.params.id, app.reportTimers)));

  app.get('/v1/report-deliveries', {
    config: adminOnly,
    schema: {
      tags,
      summary: "Every message sent for the scheduled reports and the brand-safety alerts (e-mail, Slack), newest first, with its outcome, attempts and the last error",
      querystring: listDeliveriesQuery,
      response: { 200: reportDeliveryPage, ...problemResponses },
    },
  }, async (request) => {
    const { scheduleId, alertId, outcome, ...page } = request.query;
    const result = await listReportDeliveries(request.em, workspaceOf(request), { scheduleId, alertId, outcome }, page);
    return { items: result.items.map(toReportDeliveryDto), nextCursor: result.nextCursor };
  });
}
