import fc from 'fast-check';
import type { FuzzWorld, RecordKind } from './fuzz-world.ts';
import { hostileIds } from './hostile-values.ts';

// Which record an id field or path names, and the ids sent for it: mostly the fuzzer's own record
// of that kind (so requests get past the lookups to the services), often the other workspace's
// record of the same kind, sometimes a record of another kind, nobody's, or the nil uuid.

const fieldKinds: Record<string, RecordKind> = {
  sourceId: 'source', campaignId: 'campaign', briefId: 'brief', assetId: 'asset', postId: 'post', userId: 'user',
  importId: 'import', linkId: 'link', trackingLinkId: 'link', offerCodeId: 'offerCode', paidTestId: 'paidTest',
};

// Which record a path's {id} is (the longer prefix first).
const pathKinds: Array<[string, RecordKind]> = [
  ['/v1/sources/', 'source'], ['/v1/campaigns/', 'campaign'], ['/v1/briefs/', 'brief'], ['/v1/assets/', 'asset'],
  ['/v1/posts/', 'post'], ['/v1/api-keys/', 'apiKey'], ['/v1/classification/backfills/', 'backfill'],
  ['/v1/imports/unlinked/', 'unlinkedRow'], ['/v1/imports/', 'import'], ['/v1/tracking-links/', 'link'],
  ['/v1/offer-codes/', 'offerCode'], ['/v1/reports/campaign/', 'campaign'], ['/v1/share-links/', 'shareLink'],
  ['/v1/paid-tests/', 'paidTest'], ['/v1/cost-lines/', 'costLine'],
];

export const kindOfField = (field: string): RecordKind | undefined => fieldKinds[field];
export const kindOfPath = (path: string): RecordKind | undefined => pathKinds.find(([prefix]) => path.startsWith(prefix))?.[1];

export function idsOf(world: FuzzWorld, kind: RecordKind | undefined): fc.Arbitrary<string> {
  const allOwn = Object.values(world.own).flat();
  const allForeign = Object.values(world.foreign).flat();
  const own = kind && world.own[kind].length ? world.own[kind] : allOwn;
  const foreign = kind && world.foreign[kind].length ? world.foreign[kind] : allForeign;
  return fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom(...own) },
    { weight: 3, arbitrary: fc.constantFrom(...foreign) },
    { weight: 1, arbitrary: fc.constantFrom(...allOwn) },
    { weight: 1, arbitrary: fc.constantFrom(...allForeign) },
    { weight: 1, arbitrary: fc.uuid({ version: 4 }) },
    { weight: 1, arbitrary: hostileIds.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) },
  );
}

/** Ids of the fuzzer's own records only, for the places where an id is text (not a reference). */
export const ownIdsOf = (world: FuzzWorld): fc.Arbitrary<string> => fc.constantFrom(...Object.values(world.own).flat());
