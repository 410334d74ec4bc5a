import { describe, expect, it } from 'vitest';
import { captionCarries, trackCampaign, type TrackedCampaign } from './campaign-tracking.ts';

const summer: TrackedCampaign = { id: 'c1', name: 'Summer', startsOn: '2026-06-01', endsOn: '2026-08-31', trackingKeywords: ['#NovaSummer', '@novacosmetics', 'glow serum'] };
const launch: TrackedCampaign = { id: 'c2', name: 'Launch', startsOn: '2026-07-01', endsOn: '2026-07-31', trackingKeywords: ['#launch'] };
const assets = [{ id: 'a1', campaignId: 'c1', title: 'Beach reel' }, { id: 'a2', campaignId: 'c1', title: 'Sunset story' }];

describe('captionCarries', () => {
  it('finds hashtags and mentions as whole tags, keywords as whole words, in any case', () => {
    expect(captionCarries('Hello #novasummer!', '#NovaSummer')).toBe(true);
    expect(captionCarries('Hello #novasummer2027', '#NovaSummer')).toBe(false);
    expect(captionCarries('thanks @NovaCosmetics.', '@novacosmetics')).toBe(true);
    expect(captionCarries('my Glow Serum routine', 'glow serum')).toBe(true);
    expect(captionCarries('glow serums', 'glow serum')).toBe(false);
    expect(captionCarries('anything', '#')).toBe(false);
  });
});

describe('trackCampaign', () => {
  it('links a post carrying one running campaign\'s term and naming one of its assets', () => {
    expect(trackCampaign({ caption: 'Beach reel #NovaSummer', publishedAt: '2026-06-10T12:00:00Z' }, [summer, launch], assets)).toEqual({ campaignId: 'c1', assetId: 'a1', terms: ['#NovaSummer'] });
  });

  it('says why a post waits: no term, outside the period, no asset named, two campaigns', () => {
    expect(trackCampaign({ caption: 'just a day', publishedAt: '2026-06-10T12:00:00Z' }, [summer], assets)).toEqual({ reason: 'the caption carries no campaign\'s hashtags, keywords or mentions' });
    expect(trackCampaign({ caption: 'Beach reel #NovaSummer', publishedAt: '2026-09-01T00:00:00Z' }, [summer], assets)).toMatchObject({ reason: expect.stringContaining('outside its period 2026-06-01 to 2026-08-31') });
    expect(trackCampaign({ caption: '#NovaSummer vibes', publishedAt: '2026-06-10T12:00:00Z' }, [summer], assets)).toMatchObject({ reason: expect.stringContaining('names none of its approved assets') });
    expect(trackCampaign({ caption: 'Beach reel #NovaSummer #launch', publishedAt: '2026-07-10T12:00:00Z' }, [summer, launch], assets)).toMatchObject({ reason: expect.stringContaining('2 campaigns') });
  });
});
