/**
 * Held-back comments for the rule-based flags: written before the rules of issue 14 were changed,
 * and never tuned on. A rule is not edited to pass one of these; a miss here is reported, not fixed
 * against this list (add a case to rule-cases.fixtures.ts or a spec instead, then write new held-back
 * comments). `jobs/scripts/evaluate-rules.ts` prints the accuracy on it.
 */
import type { RuleCase } from './rule-cases.fixtures.ts';

export const HELD_BACK_CASES: readonly RuleCase[] = [
  // slang and names that look rude and are not
  { text: 'this outfit is sick, need it asap 😍', flags: [] },
  { text: 'that transition was sick af', flags: [] },
  { text: 'sick of seeing this ad every single day', flags: [] },
  { text: 'grab some shiitake and make ramen tonight', flags: [] },
  { text: 'Moby Dick is still my favourite book', flags: [] },
  { text: 'she graduated magna cum laude', flags: [] },
  { text: 'shut up and take my money 😂', flags: [] },
  { text: 'that jacket is the shit fr', flags: [] },
  { text: 'Cockburn Street pop-up was so fun', flags: [] },
  { text: "assassin's creed vibes in this shot", flags: [] },
  { text: 'killing it as always queen', flags: [] },
  { text: 'dead 💀💀 this is hilarious', flags: [] },
  { text: 'this goes hard, absolute banger', flags: [] },
  { text: 'honestly the colours are off in this one', flags: [] },
  { text: 'her skin looks so real, amazing work', flags: [] },
  { text: 'real talk, this is the best palette', flags: [] },
  { text: 'the AI art community will love this', flags: [] },
  // obfuscated swearing
  { text: 's h i t this is bad', flags: ['profanity'] },
  { text: 'fu\u200dck off', flags: ['profanity'], alsoOk: ['harassment'] },
  { text: 'phucking hell', flags: ['profanity'] },
  { text: 'ｆｕｃｋ this brand', flags: ['profanity'] },
  { text: 'fυck this', flags: ['profanity'] },
  { text: 'f.u.c.k this brand', flags: ['profanity'] },
  { text: 'sh*t, I missed the drop', flags: ['profanity'] },
  { text: 'stupid b!tch', flags: ['profanity'], alsoOk: ['harassment'] },
  // other languages
  { text: 'Cállate puta', flags: ['profanity'], alsoOk: ['harassment'] },
  { text: 'Va te faire foutre', flags: ['profanity'], alsoOk: ['harassment'] },
  { text: 'Vai tomar no cu', flags: ['profanity'], alsoOk: ['harassment'] },
  { text: 'Du bist so ein Arschloch', flags: ['profanity'], alsoOk: ['harassment'] },
  { text: 'che cazzo dici', flags: ['profanity'] },
  { text: 'bhenchod kya bakwas hai', flags: ['profanity'] },
  { text: 'Quelle belle robe !', flags: [] },
  { text: 'Me encanta este look', flags: [] },
  { text: 'Que bonita, parabéns', flags: [] },
  { text: 'Bellissima come sempre', flags: [] },
  // harm
  { text: 'relapsed last night and cut myself again', flags: ['self_harm'] },
  { text: "you're an absolute idiot", flags: ['harassment'] },
  { text: 'go kill yourself', flags: ['harassment'], alsoOk: ['self_harm', 'violence'] },
  { text: "i'll stab you", flags: ['violence'], alsoOk: ['harassment'] },
  { text: 'the rapist was finally sentenced', flags: ['violence'] },
  { text: 'show me those tits', flags: ['sexual'], alsoOk: ['harassment'] },
  { text: 'crypto giveaway, dm me for details', flags: ['spam_scam'] },
  // AI authenticity
  { text: "she's so fake lol, it's literally a robot", flags: ['ai_authenticity'] },
  { text: 'is this even a real person??', flags: ['ai_authenticity'] },
  { text: "why isn't this labelled as AI?", flags: ['ai_authenticity'] },
  { text: 'creepy uncanny face, look at those hands 💀', flags: ['ai_authenticity'] },
  { text: 'bro is flirting with a chatbot 😂', flags: ['ai_authenticity'] },
  { text: 'AI generated garbage, unfollow', flags: ['ai_authenticity'] },
  { text: 'is she AI? she looks too perfect', flags: ['ai_authenticity'] },
  { text: '#ad but no AI label, shady', flags: ['ai_authenticity'] },
  { text: 'nice try, deepfake', flags: ['ai_authenticity'] },
];
