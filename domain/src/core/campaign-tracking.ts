import { isoDayOf } from './utc-day.ts';

// Campaign tracking of a connected account's posts: a post whose caption carries a campaign's
// tracking terms (trackingKeywords: #hashtags, @mentions and plain keywords) and that went live in
// the campaign's period belongs to it, and to the one asset of it the caption names by title. Any
// other post waits for a person, with the reason in words.

export type TrackedCampaign = { id: string; name: string; startsOn: string; endsOn: string; trackingKeywords: readonly string[] };
export type TrackableAsset = { id: string; campaignId: string; title: string };
export type CampaignMatch = { campaignId: string; assetId: string; terms: string[] } | { reason: string };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether a caption carries a term: a hashtag or mention as a whole tag, a keyword as whole words; case-insensitive. */
export function captionCarries(caption: string, term: string): boolean {
  const trimmed = term.trim();
  if (trimmed.length === 0 || /^[#@]$/.test(trimmed)) return false;
  const before = /^[#@]/.test(trimmed) ? '(?<![\\p{L}\\p{N}_#@])' : '(?<![\\p{L}\\p{N}_])';
  return new RegExp(`${before}${escape(trimmed)}(?![\\p{L}\\p{N}_])`, 'iu').test(caption);
}

const quoted = (terms: readonly string[]) => terms.map((term) => `"${term}"`).join(', ');

export function trackCampaign(post: { caption: string; publishedAt: Date | string }, campaigns: readonly TrackedCampaign[], assets: readonly TrackableAsset[]): CampaignMatch {
  const day = isoDayOf(post.publishedAt);
  const carried = campaigns
    .map((campaign) => ({ campaign, terms: campaign.trackingKeywords.filter((term) => captionCarries(post.caption, term)) }))
    .filter(({ terms }) => terms.length > 0);
  if (carried.length === 0) return { reason: 'the caption carries no campaign\'s hashtags, keywords or mentions' };
  const inPeriod = carried.filter(({ campaign }) => campaign.startsOn <= day && day <= campaign.endsOn);
  if (inPeriod.length === 0) {
    const { campaign, terms } = carried[0]!;
    return { reason: `the caption carries ${quoted(terms)} of the campaign "${campaign.name}", but the post went live on ${day}, outside its period ${campaign.startsOn} to ${campaign.endsOn}` };
  }
  if (inPeriod.length > 1) {
    return { reason: `the caption carries the terms of ${inPeriod.length} campaigns running on ${day} (${inPeriod.map(({ campaign }) => `"${campaign.name}"`).join(', ')}); link it to the right post` };
  }
  const { campaign, terms } = inPeriod[0]!;
  const named = assets.filter((asset) => asset.campaignId === campaign.id && (captionCarries(post.caption, asset.title) || post.caption.includes(asset.id)));
  if (named.length === 1) return { campaignId: campaign.id, assetId: named[0]!.id, terms };
  if (named.length === 0) return { reason: `the caption carries ${quoted(terms)} of the campaign "${campaign.name}" but names none of its approved assets of this source (by title or id)` };
  return { reason: `the caption carries ${quoted(terms)} of the campaign "${campaign.name}" and names ${named.length} of its assets (${named.map((asset) => `"${asset.title}"`).join(', ')}); link it to the right post` };
}
