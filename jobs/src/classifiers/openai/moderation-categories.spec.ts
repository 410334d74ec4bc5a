import { describe, expect, it } from 'vitest';
import { moderationToBrandSafety } from './moderation-categories.ts';

describe('moderation categories', () => {
  it('maps the flagged OpenAI categories onto ours, once each', () => {
    expect(moderationToBrandSafety({ harassment: true, 'harassment/threatening': true, hate: false, sexual: false }).sort()).toEqual(['harassment', 'violence']);
    expect(moderationToBrandSafety({ 'self-harm/intent': true, 'sexual/minors': true, 'hate/threatening': false }).sort()).toEqual(['self_harm', 'sexual']);
    expect(moderationToBrandSafety({ illicit: true, 'illicit/violent': null }).sort()).toEqual(['controversial']);
  });

  it('ignores categories it does not know', () => {
    expect(moderationToBrandSafety({ 'brand-new/category': true })).toEqual([]);
  });
});
