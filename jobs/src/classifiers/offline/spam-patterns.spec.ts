import { describe, expect, it } from 'vitest';
import { normalizeForRules } from './normalize.ts';
import { isSpamOrScam, spamPatternIds } from './spam-patterns.ts';

const ids = (text: string) => spamPatternIds(normalizeForRules(text));

describe('spam patterns', () => {
  it.each([
    ['Send 0.1 BTC and get 0.2 back, giveaway today only', 'crypto_giveaway'],
    ['FREE ETH airdrop, claim now', 'crypto_giveaway'],
    ['I made $3,000 a week from home, ask me how', 'earn_from_home'],
    ['earn 500 dollars per day online', 'earn_from_home'],
    ['DM me for the details', 'dm_me'],
    ['Whatsapp +44 7700 900123 for promo', 'dm_me'],
    ['check my bio 🔥', 'check_my_bio'],
    ['link in bio!!', 'check_my_bio'],
    ['cheap deals at bit.ly/3xYz', 'link_shortener'],
    ['follow for follow?', 'follow_for_follow'],
    ['f4f l4l', 'follow_for_follow'],
    ['buy real followers cheap', 'follow_for_follow'],
    ['Promote it on @growthpage', 'promo_offer'],
    ['Congratulations you have won an iPhone', 'prize_scam'],
    ['Thanks to my account manager I recovered my funds', 'investment_scam'],
  ])('flags %j (%s)', (text, id) => {
    expect(ids(text)).toContain(id);
    expect(isSpamOrScam(normalizeForRules(text))).toBe(true);
  });

  it.each([
    'this look is everything',
    "you won't believe this shade",
    'I work from home too',
    'the story in your last post made me cry',
    'this dress is free size?',
    'can you make a tutorial?',
    'follow your dreams',
  ])('leaves %j alone', (text) => {
    expect(ids(text)).toEqual([]);
    expect(isSpamOrScam(normalizeForRules(text))).toBe(false);
  });
});
