import { apiFor } from '#lib/server/api.ts';
import { loadAssetDetail } from '#lib/server/asset-detail.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => loadAssetDetail(event, apiFor(event), event.params.id);
