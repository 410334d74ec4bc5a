/**
 * Emoji sentiment lexicon: polarity in [-1, 1] for the emoji common in social comments.
 *
 * Values follow the sign and rough strength of the Emoji Sentiment Ranking (Kralj Novak et al. 2015,
 * "Sentiment of Emojis", PLoS ONE), adjusted by hand for how audiences use them under creator posts
 * today (🔥 💯 👑 praise; 🤡 🐍 🗑 mock; 💀 and 😭 mostly mean "so funny / so cute").
 *
 * Why a lexicon: the sentiment training tweets contain no emoji at all, so the model cannot learn
 * them; the classifier adds EMOJI_LOGIT_WEIGHT * emojiPolarity(tokens) to the positive logit and
 * subtracts it from the negative one.
 */
import { type Token, TokenKind } from './tokenizer.ts';

/** How far one unit of emoji polarity moves the positive-vs-negative logits. */
export const EMOJI_LOGIT_WEIGHT = 2.5;

const TABLE: ReadonlyArray<readonly [string, number]> = [
  // love and affection
  ['❤', 0.8], ['🧡', 0.75], ['💛', 0.75], ['💚', 0.75], ['💙', 0.75], ['💜', 0.75], ['🤍', 0.7], ['🤎', 0.6],
  ['🖤', 0.4], ['💕', 0.8], ['💞', 0.8], ['💓', 0.8], ['💗', 0.8], ['💖', 0.8], ['💘', 0.7], ['💝', 0.7],
  ['❣', 0.7], ['💟', 0.7], ['♥', 0.75], ['😍', 0.85], ['🥰', 0.9], ['😘', 0.75], ['😻', 0.8], ['🫶', 0.85],
  ['💋', 0.55], ['🤗', 0.65], ['😚', 0.6], ['😙', 0.5], ['🫰', 0.5], ['💑', 0.6], ['💏', 0.6],
  // happy, laughing
  ['😀', 0.6], ['😃', 0.65], ['😄', 0.65], ['😁', 0.6], ['😆', 0.5], ['😅', 0.25], ['😂', 0.35], ['🤣', 0.4],
  ['😊', 0.7], ['🙂', 0.35], ['😉', 0.45], ['😇', 0.55], ['🤩', 0.85], ['🥳', 0.8], ['😎', 0.55], ['😌', 0.45],
  ['😋', 0.55], ['😜', 0.4], ['😝', 0.35], ['😛', 0.35], ['🤪', 0.3], ['🙃', 0.05], ['🥹', 0.55], ['🥲', 0.15],
  ['😸', 0.5], ['😹', 0.35], ['😺', 0.5], ['☺', 0.65], ['🤭', 0.3], ['💀', 0.15], ['😭', 0.1],
  // praise, approval, celebration
  ['👍', 0.55], ['👏', 0.65], ['🙌', 0.7], ['🙏', 0.5], ['💪', 0.55], ['👌', 0.5], ['✌', 0.4], ['🤘', 0.45],
  ['🤝', 0.45], ['🔥', 0.6], ['💯', 0.6], ['✨', 0.5], ['⭐', 0.5], ['🌟', 0.6], ['💫', 0.45], ['🎉', 0.7],
  ['🎊', 0.65], ['🏆', 0.65], ['🥇', 0.65], ['👑', 0.6], ['💎', 0.5], ['🌹', 0.5], ['🌸', 0.5], ['🌺', 0.5],
  ['🌷', 0.5], ['💐', 0.6], ['🌈', 0.45], ['☀', 0.45], ['🌞', 0.5], ['✅', 0.4], ['🆒', 0.45], ['💅', 0.35],
  ['😏', 0.1], ['🤤', 0.3], ['🤑', 0.15], ['🎁', 0.5], ['🍾', 0.55], ['🥂', 0.55], ['🤙', 0.45], ['👋', 0.2],
  // neutral-ish, puzzled
  ['🤔', -0.1], ['👀', 0.0], ['😐', -0.25], ['😶', -0.2], ['🤷', -0.1], ['😳', -0.1], ['🤯', 0.05], ['🥺', 0.2],
  ['🙈', 0.25], ['😬', -0.3], ['🫠', -0.05], ['🤨', -0.35], ['😮', 0.0], ['😯', -0.05], ['😲', 0.0],
  // sad, disappointed
  ['😢', -0.45], ['😞', -0.6], ['😔', -0.5], ['😟', -0.5], ['😕', -0.45], ['🙁', -0.5], ['☹', -0.55], ['😥', -0.4],
  ['😓', -0.4], ['😩', -0.4], ['😫', -0.45], ['😖', -0.5], ['😣', -0.45], ['💔', -0.55], ['😿', -0.5], ['😪', -0.3],
  ['😴', -0.2], ['🥱', -0.4], ['😑', -0.35], ['😒', -0.55], ['🙄', -0.5], ['😰', -0.45], ['😨', -0.45], ['😱', -0.3],
  ['😧', -0.4], ['😦', -0.4], ['😷', -0.2], ['🤒', -0.3], ['🤕', -0.35], ['🫤', -0.35], ['😮‍💨', -0.25],
  // angry, disgusted, mocking
  ['😠', -0.7], ['😡', -0.8], ['🤬', -0.85], ['👿', -0.6], ['😤', -0.45], ['🤢', -0.7], ['🤮', -0.8], ['👎', -0.7],
  ['🖕', -0.9], ['💩', -0.55], ['🤡', -0.6], ['🐍', -0.5], ['🗑', -0.6], ['🚮', -0.55], ['❌', -0.35], ['🚫', -0.4],
  ['⛔', -0.4], ['🤥', -0.55], ['🤦', -0.45], ['😾', -0.5], ['💢', -0.55], ['🥴', -0.3], ['🙅', -0.35],
];

/** Keys without variation selectors / skin tones, as the tokeniser emits them. */
const LEXICON: ReadonlyMap<string, number> = new Map(
  TABLE.map(([e, v]) => [e.replace(/[\u{FE0F}\p{Emoji_Modifier}]/gu, ''), v]),
);

/** Polarity of one emoji token (a ZWJ sequence falls back to its first pictograph), 0 if unknown. */
export function emojiPolarity(emoji: string): number {
  const direct = LEXICON.get(emoji);
  if (direct !== undefined) return direct;
  const first = String.fromCodePoint(emoji.codePointAt(0) ?? 0);
  return LEXICON.get(first) ?? 0;
}

/**
 * Summed polarity of the emoji in a comment, divided by sqrt(number of emoji): a row of hearts counts
 * more than one heart, but not linearly. 0 when there are none.
 */
export function emojiSentiment(tokens: readonly Token[]): number {
  let sum = 0;
  let n = 0;
  for (const tok of tokens) {
    if (tok.kind !== TokenKind.emoji) continue;
    sum += emojiPolarity(tok.text);
    n++;
  }
  return n === 0 ? 0 : sum / Math.sqrt(n);
}
