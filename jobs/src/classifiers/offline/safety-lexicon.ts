/**
 * Keyword lexicons for the brand-safety categories the model does not score directly.
 *
 * Categories follow the product's list (GARM floor / OpenAI moderation, mapped): `hate`,
 * `harassment`, `violence`, `self_harm`, `sexual`, `misinformation`, `controversial`, and
 * `ai_authenticity` (the character called fake, a bot, creepy or uncanny, asked whether it is real,
 * or its AI nature said to be undisclosed). (`profanity`
 * comes from obscenity, `spam_scam` from spam-patterns.ts, `competitor` from the workspace's list.)
 *
 * Terms are regular-expression fragments over the normalised text (lower-case, no accents), matched
 * on word boundaries. They aim at precision: words that are innocent in creator comments ("killing
 * it", "photo shoot", "sexy", "this is sick") are left out or excluded explicitly, because a flag sends
 * a comment to a person for review.
 */
import type { BrandSafetyCategory } from '@persona-ops/domain/core';
import { WORD_END, WORD_START } from './normalize.ts';

export type LexiconCategory = Extract<
  BrandSafetyCategory,
  'hate' | 'harassment' | 'violence' | 'self_harm' | 'sexual' | 'misinformation' | 'controversial' | 'ai_authenticity'
>;

const GROUPS = String.raw`(?:jews?|jewish people|muslims?|islam|blacks|black people|arabs?|mexicans|immigrants|migrants|refugees|gays|gay people|lesbians|trans(?:gender)? (?:people|women|men)|trannies|women|females|asians|chinese|christians|hindus|indians|africans|latinos|gypsies|roma)`;

export const SAFETY_LEXICON: Readonly<Record<LexiconCategory, readonly string[]>> = {
  hate: [
    // slurs not already in obscenity's dataset
    String.raw`raghead`, String.raw`towel ?head`, String.raw`wetbacks?`, String.raw`spics?`, String.raw`gooks?`,
    String.raw`coons?`, String.raw`faggots?`, String.raw`shemales?`, String.raw`sand ?n[i1]gg(?:er|a)s?`, String.raw`beaners?`,
    String.raw`kikes?`, String.raw`paki`, String.raw`jigaboo`, String.raw`porch monkey`, String.raw`zipperheads?`,
    // dehumanising and supremacist language
    String.raw`subhumans?`, String.raw`untermensch`, String.raw`inferior (?:race|people)`, String.raw`white power`,
    String.raw`white genocide`, String.raw`heil hitler`, String.raw`sieg heil`, String.raw`14 ?88`, String.raw`race traitors?`,
    String.raw`ethnic cleansing`, String.raw`gas the \w+`, String.raw`go back to (?:your|ur) (?:own )?country`,
    String.raw`${GROUPS} (?:are|r) (?:all )?(?:animals|vermin|parasites|rats|scum|trash|garbage|subhuman|savages|filth|cockroaches|a disease|a plague|evil|disgusting)`,
    String.raw`(?:death|kill|hang|deport) (?:to )?all ${GROUPS}`,
  ],
  harassment: [
    String.raw`kys`, String.raw`kill (?:your ?self|urself|yoself)`, String.raw`go (?:and )?die`, String.raw`drop dead`,
    String.raw`nobody (?:likes|loves|cares about) (?:you|u)`, String.raw`no one (?:likes|loves) (?:you|u)`,
    String.raw`(?:you|u)(?: are| r|'re|re| re) (?:so |such )?(?:an? )?(?:ugly|fat|disgusting|worthless|pathetic|stupid|dumb|idiot|moron|loser|trash|garbage|whore|slut|bitch|failure|waste of space|joke|clown)`,
    String.raw`(?:ugly|fat|stupid|dumb|worthless|pathetic|disgusting) (?:bitch|whore|slut|cow|pig|loser|idiot|freak)`,
    // "shut up" alone is mostly delight ("shut up, this is so good", "shut up and take my money"):
    // it harasses when it swears or names its target
    String.raw`shut (?:the fuck|tf|the hell) up`, String.raw`shut up,? (?:you|u|ur|bitch|idiot|loser|clown|moron|hoe|whore|slut)`,
    String.raw`(?:just|pls|plz|please|so) shut up`, String.raw`shut (?:your|ur) (?:mouth|face|trap)`, String.raw`i know where (?:you|u) live`, String.raw`dox(?:x)?(?:ed|ing)? (?:you|u|her|him)`,
    String.raw`(?:you|u) should be ashamed`, String.raw`get (?:off|out of) (?:the )?internet`, String.raw`end (?:your|ur) career`,
  ],
  violence: [
    String.raw`(?:i(?:'ll| will| wanna| want to| am going to|'m going to|m gonna| gonna)) (?:kill|murder|shoot|stab|hurt|beat|punch|strangle|choke|burn) (?:you|u|her|him|them|y'all)`,
    String.raw`(?:kill|murder|shoot|stab|behead|hang|lynch|strangle) (?:him|her|them|you|u|all of them)(?! (?:with kindness|off|(?:a|an) (?:message|text|dm|email|line|note)))`,
    String.raw`(?:should|deserves? to|needs? to|ought to) (?:be )?(?:die|shot|killed|hanged|hung|beheaded|lynched|executed|raped|stabbed|burned)`,
    String.raw`beat (?:the (?:shit|crap) out of|him up|her up|you up|u up|them up)`, String.raw`put a bullet in`,
    String.raw`mass (?:shooting|murder|killing)s?`, String.raw`massacres?`, String.raw`genocide`, String.raw`behead(?:ed|ing|ings)?`,
    String.raw`terror(?:ist)? attacks?`, String.raw`bomb threats?`, String.raw`blow (?:it|them|him|her|this place) up`,
    String.raw`school shooting`, String.raw`gun(?:ned)? (?:them|him|her|you) down`, String.raw`torture(?:d)? (?:him|her|them|you)`,
    String.raw`rap(?:e|ed|ing) (?:him|her|them|you)`, String.raw`rapists?`,
  ],
  self_harm: [
    String.raw`kill(?:ing)? my ?self`, String.raw`kms`, String.raw`suicid(?:e|al)`, String.raw`(?:want|wanted) to die`,
    String.raw`wanna die`, String.raw`end (?:my|it) (?:life|all)`, String.raw`end it all`, String.raw`(?:cut|cutting|hurt|hurting|harm|harming|starve|starving) my ?self`,
    // "cutting" on its own is a haircut or a video edit; again / still / started make it a habit
    String.raw`cutting again`, String.raw`(?:been|started|keep|kept|still|stop|stopped|quit) cutting(?! (?:edge|boards?|hair|bangs|videos?|clips?|corners|class|ties|back|down|out))`,
    String.raw`self[- ]?harm(?:ing)?`, String.raw`no reason to (?:live|be alive)`, String.raw`better off dead`,
    String.raw`over ?dos(?:e|ed|ing)`, String.raw`pro[- ]?ana`, String.raw`thinspo`, String.raw`don'?t want to (?:live|be alive|exist)`,
  ],
  sexual: [
    String.raw`nudes`, String.raw`nude (?:pics?|photos?|videos?|leaks?|selfies?)`, String.raw`naked (?:pics?|photos?|videos?)`, String.raw`send (?:me )?(?:nudes|pics|noods)`, String.raw`only ?fans`, String.raw`horny`,
    String.raw`xxx`, String.raw`nsfw`, String.raw`sex ?tapes?`, String.raw`boobs`, String.raw`tits`, String.raw`titties`, String.raw`nipples?`,
    String.raw`dick ?pics?`, String.raw`hookups?`, String.raw`sexting`, String.raw`camgirls?`, String.raw`escorts?`, String.raw`strip ?tease`,
    String.raw`(?:wanna|want to|let me|i'd) (?:fuck|smash|bang|ride|eat) (?:you|u|her|that)`,
    String.raw`(?:wanna|want to|wanted to|would love to|i'd love to|let me|lemme|can i|could i|need to) (?:see|watch) (?:you|u|her|him) (?:\w+ )?(?:naked|nude|topless|undressed|in (?:lingerie|underwear))`,
    String.raw`(?:get|got|getting|be|are) (?:naked|nude) (?:for|with) (?:me|us)`,
  ],
  ai_authenticity: [
    // it is not real / not human
    String.raw`uncanny(?: valley)?`, String.raw`deep ?fakes?`, String.raw`catfish(?:ed|ing)?`,
    // "AI-generated" is a complaint when it is the verdict, not when it describes a background
    String.raw`(?:is|it's|its|that's|thats|obviously|clearly|just|all|totally|def|definitely) (?:an? )?(?:ai|cgi|computer)[- ]?(?:generated|made)`,
    String.raw`(?:ai|cgi|computer)[- ]?(?:generated|made) (?:garbage|trash|slop|crap|junk|nonsense|bs|fake|creep)`, String.raw`not (?:a )?real (?:person|human|girl|woman|guy|man|influencer|model)`,
    String.raw`(?:is|are) (?:s?he|it|this|that|they)(?: (?:girl|guy|person|woman|account|influencer|model))?(?: even| actually| really| a)? (?:(?:real|human)(?=\s*(?:[?!.,]|$)| or | lol| tho)|a (?:real )?(?:person|human)|an? (?:ai|bot|robot))`,
    String.raw`(?:(?:s?he|it|this|that|they)(?:'s|s)|(?:s?he|it|this|that|they)(?: \w+){0,2}(?: is| are| looks?| seems?| feels?))(?: (?:so|such|a|an|totally|clearly|obviously|literally|just|100%|def|definitely|kinda|lowkey))* (?:fake(?! news)|a bot|a robot|an? ai|not real|artificial|cgi|plastic|soulless|creepy|uncanny)`,
    String.raw`(?:fake|creepy|soulless|plastic|cringe) (?:ai|bot|robot|cgi|influencer|person|girl|woman|character|model|account|face)`,
    String.raw`(?:ai|a\.i|cgi|bot|robot) (?:garbage|trash|slop|crap|junk|nonsense|creep|fake)`,
    String.raw`(?:talking|flirting|chatting|simping|falling) (?:to|with|for) (?:a|an) (?:bot|robot|ai|chatbot|computer)`,
    String.raw`(?:six|6|extra|too many) fingers`,
    // it is not disclosed as AI
    String.raw`(?:not|never|n't|wasn't|isn't) (?:\w+ )?(?:disclosed|labell?ed|marked|tagged|flagged)(?: as| it's| that)? (?:an? )?ai`,
    String.raw`no (?:ai )?(?:label|disclosure|disclaimer)`, String.raw`(?:undisclosed|unlabell?ed|unmarked) ai`,
    String.raw`(?:disclose|label|tag|mark) (?:it|this|that|her|him|them) as ai`, String.raw`more like #?ai`,
  ],
  misinformation: [
    String.raw`plandemic`, String.raw`scamdemic`, String.raw`chemtrails?`, String.raw`flat earth(?:ers?)?`, String.raw`earth is flat`,
    String.raw`q ?anon`, String.raw`wwg1wga`, String.raw`adrenochrome`, String.raw`pizzagate`, String.raw`great reset`, String.raw`crisis actors?`,
    String.raw`false flag`, String.raw`(?:vaccines?|vaxx?|jabs?) (?:cause|causes|caused|gives?) (?:autism|cancer|aids|infertility|death)`,
    String.raw`(?:vaccines?|jabs?) (?:contain|have|has) (?:a )?(?:microchips?|chips?|trackers?|graphene)`, String.raw`microchipp?ed`,
    String.raw`5g (?:causes?|caused|spreads?|towers? spread)`, String.raw`covid (?:is|was) (?:a )?(?:hoax|fake|lie)`,
    String.raw`(?:election|vote) was (?:stolen|rigged)`, String.raw`stolen election`, String.raw`stop the steal`,
    String.raw`moon landing (?:was )?(?:fake|faked|hoax)`, String.raw`holocaust (?:never happened|is a lie|hoax)`, String.raw`lizard people`,
    String.raw`new world order`, String.raw`depopulation agenda`, String.raw`miracle cure`, String.raw`cures? cancer`,
  ],
  controversial: [
    String.raw`abortions?`, String.raw`pro[- ]?life`, String.raw`pro[- ]?choice`, String.raw`roe v\.? wade`, String.raw`gun control`,
    String.raw`(?:2nd|second) amendment`, String.raw`nra`, String.raw`illegal (?:aliens|immigrants|immigration)`, String.raw`border wall`,
    String.raw`immigration`, String.raw`deportations?`, String.raw`maga`, String.raw`trump`, String.raw`biden`, String.raw`antifa`,
    String.raw`blm`, String.raw`black lives matter`, String.raw`all lives matter`, String.raw`blue lives matter`,
    String.raw`woke (?:agenda|mob|ideology|culture|left|nonsense|propaganda)`, String.raw`anti[- ]?woke`, String.raw`go woke`,
    String.raw`lgbtq?\+?`, String.raw`gay marriage`, String.raw`same[- ]sex marriage`, String.raw`transgender`, String.raw`gender ideology`,
    String.raw`israel`, String.raw`palestin(?:e|ian|ians)`, String.raw`gaza`, String.raw`zionis(?:t|ts|m)`, String.raw`hamas`,
    String.raw`democrats?`, String.raw`republicans?`, String.raw`liberals?`, String.raw`conservatives?`, String.raw`leftists?`,
    String.raw`right[- ]wing(?:ers?)?`, String.raw`left[- ]wing(?:ers?)?`, String.raw`feminis(?:m|ts?)`, String.raw`death penalty`,
    String.raw`climate (?:change|hoax|crisis)`, String.raw`vaccine mandates?`, String.raw`anti[- ]?vax(?:x)?(?:ers?)?`,
    String.raw`islamophobi(?:a|c)`, String.raw`antisemit(?:ism|ic)`, String.raw`racis(?:m|ts?)`, String.raw`white privilege`,
  ],
};

/** Emoji sequences with a sexual meaning (matched anywhere, no word boundaries). */
const SEXUAL_EMOJI = /🍆 ?💦|💦 ?🍆|🍑 ?💦|👅 ?💦/u;

function compile(terms: readonly string[]): RegExp {
  return new RegExp(`${WORD_START}(?:${terms.join('|')})${WORD_END}`, 'u');
}

const CATEGORIES = Object.keys(SAFETY_LEXICON) as LexiconCategory[];
const COMPILED: ReadonlyArray<readonly [LexiconCategory, RegExp]> = CATEGORIES.map(
  (category) => [category, compile(SAFETY_LEXICON[category])] as const,
);
/**
 * All terms of the categories other than ai_authenticity: one pass tells whether any can match (most
 * texts: none). ai_authenticity's terms start at common words ("this is", "it looks"), so they stay
 * out of the union and run only when a word of theirs is present (AI_WORDS).
 */
const ANY = compile(CATEGORIES.filter((c) => c !== 'ai_authenticity').flatMap((category) => SAFETY_LEXICON[category]));
const AI_WORDS = /\b(?:fake|bot|robot|ai|a\.i|cgi|computer|real|human|person|creepy|uncanny|soulless|plastic|artificial|deep ?fakes?|catfish\w*|chat ?bot|fingers|disclosed|labell?ed|marked|tagged|flagged|label|disclosure|disclaimer|undisclosed|unlabell?ed|unmarked)\b/;

/** Lexicon categories found in the normalised text, in a fixed order. */
export function lexiconCategories(normalized: string): LexiconCategory[] {
  const out: LexiconCategory[] = [];
  const any = ANY.test(normalized);
  const ai = AI_WORDS.test(normalized);
  if (any || ai) {
    for (const [category, re] of COMPILED) {
      if (category === 'ai_authenticity' ? ai : any) if (re.test(normalized)) out.push(category);
    }
  }
  if (!out.includes('sexual') && SEXUAL_EMOJI.test(normalized)) out.push('sexual');
  return out;
}

const TARGETS_PERSON = new RegExp(
  `${WORD_START}(?:you|your|yours|yourself|you're|youre|ya|u|ur|ure)${WORD_END}|@[a-z0-9_]`,
  'u',
);

/** True when the comment addresses someone: second person or an @mention. */
export function targetsPerson(normalized: string): boolean {
  return TARGETS_PERSON.test(normalized);
}

/** Slang that praises with a word that reads as an insult: "sick", "the shit", "insane", "filthy"… */
const SLANG_PRAISE = /\b(?:sick|the shit|insane|nasty|filthy|wicked|killer|dope|lit|fire|crazy|unreal)\b/;
/** Idioms of praise built on violent or crude verbs: praise on their own. */
const PRAISE_IDIOM = /\b(?:killed it|killing it|slay(?:ed|ing|s)?|ate (?:that|this|it)|nailed it|crushed it|smashed it|murdered (?:it|that|this))\b/;
/** What makes it praise: a hype emoji, an intensifier or an exclamation. */
const PRAISE_CONTEXT = /[🔥💯😍🙌👏❤🤩😎🥵💪✨]|\b(?:lol|lmao|omg|wow|yo|bro|af|so+|literally|lowkey|highkey|absolutely|fr|ngl|damn)\b|!!/u;

/**
 * True when the comment praises in slang ("this is sick 🔥🔥", "your edit is insane lol"): the
 * offensive model reads those words as insults, so it does not turn them into `harassment`.
 */
export function isSlangPraise(normalized: string): boolean {
  return PRAISE_IDIOM.test(normalized) || (SLANG_PRAISE.test(normalized) && PRAISE_CONTEXT.test(normalized));
}
