import { proxyMedia } from '#lib/server/media.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => proxyMedia(event, `/v1/media/${encodeURIComponent(event.params.id)}/thumbnail`);
