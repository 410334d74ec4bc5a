/**
 * Labelled comments for the rule-based flags.
 *
 * - ISSUE_CASES: the false flags and misses reported in issue 14. The rules were fixed against
 *   these, so they say nothing about how well the rules generalise.
 * - HELD_BACK_CASES (held-back.fixtures.ts): written separately and never tuned on; that list is
 *   the honest figure.
 *
 * `flags`: what a reviewer expects (an empty list: the comment is safe). `alsoOk`: flags that are
 * defensible too and do not count as an error (e.g. harassment on "f u c k you").
 */
export type RuleCase = {
  readonly text: string;
  readonly flags: readonly string[];
  readonly alsoOk?: readonly string[];
};

export const ISSUE_CASES: readonly RuleCase[] = [
  // false flags
  { text: 'lol this is sick 🔥🔥', flags: [] },
  { text: 'this is sick', flags: [] },
  { text: 'this is the shit', flags: [] },
  { text: 'shitake mushroom recipe', flags: [] },
  { text: 'Dick Van Dyke', flags: [] },
  { text: 'shut up, this is so good', flags: [] },
  { text: 'cum laude graduate', flags: [] },
  { text: 'he is a rapist', flags: ['violence'] },
  { text: 'This fake AI garbage is creepy', flags: ['ai_authenticity'] },
  { text: 'Disgusting ad, unfollowing', flags: [] },
  // misses
  { text: 'f u c k you lea', flags: ['profanity'], alsoOk: ['harassment'] },
  { text: 'f\u200bu\u200bc\u200bk you', flags: ['profanity'], alsoOk: ['harassment'] },
  { text: 'phuck you', flags: ['profanity'], alsoOk: ['harassment'] },
  { text: "i've been cutting again tbh", flags: ['self_harm'] },
  { text: 'wanna see you naked 😏', flags: ['sexual'], alsoOk: ['harassment'] },
  { text: 'this AI girl is creepy and fake', flags: ['ai_authenticity'] },
  { text: 'is she even real?', flags: ['ai_authenticity'] },
  { text: 'not disclosed as AI', flags: ['ai_authenticity'] },
  { text: 'uncanny valley vibes', flags: ['ai_authenticity'] },
  { text: '#ad? more like #AI', flags: ['ai_authenticity'] },
  { text: 'Ferme ta gueule espèce de connasse', flags: ['profanity'], alsoOk: ['harassment'] },
  { text: 'Eres una puta mentirosa', flags: ['profanity'], alsoOk: ['harassment'] },
];
