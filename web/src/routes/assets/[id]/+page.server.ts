import { apiFor, load as call } from '#lib/server/api.ts';
import { loadAssetDetail } from '#lib/server/asset-detail.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const id = event.params.id;
  const [detail, media] = await Promise.all([
    loadAssetDetail(event, api, id),
    call(event, () => api.GET('/v1/assets/{id}/media', { params: { path: { id } } })),
  ]);
  return { ...detail, media: media.items };
};
