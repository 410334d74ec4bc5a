import { exportReport } from '#lib/server/export.ts';
import type { RequestHandler } from './$types';

// /export/<report>?format=csv|json&<the page's filters>: a report as a file.
export const GET: RequestHandler = (event) => exportReport(event, event.params.report);
