import type { RequestEvent } from '@sveltejs/kit';
import type { ApiClient } from '#lib/api/client.ts';
import { attempt } from './api.ts';

export type FollowerSeries = { sourceId: string; name: string; kind: string; points: { date: string; followers: number }[] };

const PAGE = 200;
const MAX_PAGES = 3;

/** Each source's follower counts over the period (UTC days, `to` exclusive), oldest first. */
export async function loadFollowerSeries(
  event: Pick<RequestEvent, 'cookies' | 'url'>,
  api: ApiClient,
  sources: { id: string; name: string; kind: string }[],
  period: { from: string; to: string },
): Promise<FollowerSeries[]> {
  const one = async (source: { id: string; name: string; kind: string }): Promise<FollowerSeries> => {
    const points: FollowerSeries['points'] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await attempt(event, () =>
        api.GET('/v1/follower-snapshots', { params: { query: { sourceId: source.id, from: period.from, to: period.to, limit: PAGE, ...(cursor ? { cursor } : {}) } } }));
      if (!result.data) break;
      points.push(...result.data.items.map((s) => ({ date: s.date, followers: s.followers })));
      if (!result.data.nextCursor) break;
      cursor = result.data.nextCursor;
    }
    return { sourceId: source.id, name: source.name, kind: source.kind, points };
  };
  return (await Promise.all(sources.map(one))).filter((s) => s.points.length > 0);
}
