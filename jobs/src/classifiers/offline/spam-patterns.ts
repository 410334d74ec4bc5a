/**
 * Spam and scam patterns seen under creator posts -> the `spam_scam` flag.
 *
 * Applied to the normalised comment (`normalizeForRules`: lower-case, no accents). Each pattern has an
 * id so a reviewer (or a test) can see which one fired; the hot path tests one combined expression.
 */
import { WORD_END, WORD_START } from './normalize.ts';

export interface SpamPattern {
  readonly id: string;
  readonly re: RegExp;
}

const B = WORD_START;
const E = WORD_END;

function p(id: string, source: string): SpamPattern {
  return { id, re: new RegExp(source, 'u') };
}

export const SPAM_PATTERNS: readonly SpamPattern[] = [
  // crypto / investment scams
  p(
    'crypto_giveaway',
    String.raw`${B}(?:btc|bitcoin|eth|ethereum|crypto|usdt|doge|solana|nft|airdrop|binance)${E}.{0,60}${B}(?:giveaway|give ?away|free|double|doubled|claim|send|profits?|returns?|bonus)${E}|${B}(?:giveaway|free|claim|double)${E}.{0,40}${B}(?:btc|bitcoin|eth|usdt|crypto|nft)${E}`,
  ),
  p(
    'investment_scam',
    String.raw`${B}(?:forex|binary options?|bitcoin mining|crypto (?:trading|mining|investment)|investment (?:platform|manager|expert|opportunity)|account manager|trading (?:expert|mentor|signals?)|passive income|financial freedom|recover(?:ed)? (?:my |your )?(?:funds|account|money)|(?:recovery|ethical|legit|professional|certified) hacker|contact (?:the )?hacker)${E}`,
  ),
  p(
    'earn_from_home',
    String.raw`${B}(?:earn|earning|make|making|made)${E}.{0,30}(?:[$€£]\s?\d|\d+\s?(?:k|usd|dollars|euros?|[$€£]))(?:.{0,40}${B}(?:from home|a day|per day|daily|a week|weekly|per week|online|a month|monthly)${E})|${B}(?:make money (?:online|fast|from home)|get rich quick)${E}`,
  ),
  // move the conversation elsewhere
  p(
    'dm_me',
    String.raw`${B}(?:dm|d\.m|pm|inbox)\s+(?:me|us|now|for)${E}|${B}(?:message|msg|text|contact|whats ?app|telegram)\s+(?:me|us)${E}|${B}(?:hit|slide|slide into) (?:me|my) (?:up|dms?|inbox)${E}|${B}(?:whats ?app|telegram|wa|signal)\s*[:@+]?\s*\+?\d[\d\s-]{6,}|${B}(?:add|reach) me on (?:whats ?app|telegram|snap(?:chat)?|kik)${E}`,
  ),
  p(
    'check_my_bio',
    String.raw`${B}(?:check|see|visit|look at|click|tap)\s+(?:out\s+)?(?:my|our)\s+(?:bio|profile|page|link|story|stories|channel|account)${E}|${B}(?:click|tap) (?:the|this) link${E}|${B}link in (?:my |the )?bio${E}|${B}(?:in|on) my (?:bio|profile)${E}`,
  ),
  p(
    'link_shortener',
    String.raw`${B}(?:bit\.ly|tinyurl\.com|goo\.gl|ow\.ly|is\.gd|buff\.ly|cutt\.ly|shorturl\.at|rb\.gy|t\.ly|tiny\.cc|linktr\.ee|rebrand\.ly|s\.id|wa\.me|t\.me)\/`,
  ),
  // engagement bait and fake growth
  p(
    'follow_for_follow',
    String.raw`${B}(?:f4f|l4l|s4s|sub4sub|follow ?4 ?follow|follow for follow|like for like|likes? 4 likes?|follow back|follow me|followback|fb pls|(?:buy|free|cheap|gain|get|real) (?:\d+\s*)?(?:followers|likes|views|subscribers))${E}`,
  ),
  p(
    'promo_offer',
    String.raw`${B}(?:promote it on|send (?:it|pics?|this) to @|to be featured|collab\??\s+(?:dm|message)|ambassadors? wanted|brand ambassador|we want to collab|dm (?:us|@\S+) (?:to|for) (?:collab|promo|feature))`,
  ),
  p(
    'prize_scam',
    String.raw`${B}(?:you(?:'ve| have)? (?:won(?!')|been selected)|claim your (?:prize|reward|gift)|congratulations,? you(?:'ve| have)? (?:won(?!')|been)|winner (?:of|in) (?:our|the) giveaway|free (?:iphone|gift ?card|money|cash)|sugar (?:daddy|mommy|mummy))${E}`,
  ),
];

const COMBINED = new RegExp(SPAM_PATTERNS.map((s) => s.re.source).join('|'), 'u');

/** True when any spam / scam pattern matches the normalised text. */
export function isSpamOrScam(normalized: string): boolean {
  return COMBINED.test(normalized);
}

/** Ids of the patterns that match (for explanations and tests). */
export function spamPatternIds(normalized: string): string[] {
  return SPAM_PATTERNS.filter((s) => s.re.test(normalized)).map((s) => s.id);
}
