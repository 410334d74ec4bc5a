import { describe, expect, it } from 'vitest';
import { normalizeForRules } from './normalize.ts';
import { isSlangPraise, lexiconCategories, targetsPerson } from './safety-lexicon.ts';

const categories = (text: string) => lexiconCategories(normalizeForRules(text));

describe('safety lexicon', () => {
  it.each([
    ['kys', 'harassment'],
    ['nobody likes you', 'harassment'],
    ["you're so ugly", 'harassment'],
    ['I will hurt you', 'violence'],
    ['he deserves to be shot', 'violence'],
    ['I want to kill myself', 'self_harm'],
    ['self-harm is not a joke', 'self_harm'],
    ['send nudes', 'sexual'],
    ['link to my onlyfans', 'sexual'],
    ['🍆💦', 'sexual'],
    ['vaccines cause autism', 'misinformation'],
    ['the election was stolen', 'misinformation'],
    ['what about abortion rights', 'controversial'],
    ['Trump 2028', 'controversial'],
    ['immigrants are vermin', 'hate'],
    ['go back to your country', 'hate'],
  ])('%j -> %s', (text, category) => {
    expect(categories(text)).toContain(category);
  });

  it.each([
    'you killed it!!',
    'killing it as always',
    'love this photo shoot',
    'I woke up like this',
    'this is sick 🔥',
    'nude lipstick shade?',
    'so sexy',
    'shoot her a message',
    "I'm dying 😂",
  ])('leaves %j alone', (text) => {
    expect(categories(text)).toEqual([]);
  });

  it('knows when a comment addresses someone', () => {
    expect(targetsPerson(normalizeForRules('you are the worst'))).toBe(true);
    expect(targetsPerson(normalizeForRules('ur a joke'))).toBe(true);
    expect(targetsPerson(normalizeForRules('@brand fix this'))).toBe(true);
    expect(targetsPerson(normalizeForRules('this product is the worst'))).toBe(false);
    expect(targetsPerson(normalizeForRules('youth is wasted'))).toBe(false);
  });
});

describe('safety lexicon, issue 14 rules', () => {
  it.each([
    ['shut up, this is so good'],
    ['shut up and take my money'],
    ['omg shut up 😭'],
  ])('reads delight in %j, not harassment', (text) => {
    expect(categories(text)).not.toContain('harassment');
  });

  it.each([
    ['shut up you clown', 'harassment'],
    ['shut the fuck up', 'harassment'],
    ['just shut up', 'harassment'],
    ['he is a rapist', 'violence'],
    ["i've been cutting again tbh", 'self_harm'],
    ['started cutting after school', 'self_harm'],
    ['wanna see you naked 😏', 'sexual'],
    ['i want to see her topless', 'sexual'],
  ])('%j -> %s', (text, category) => {
    expect(categories(text)).toContain(category);
  });

  it.each(['cutting edge design', 'been cutting videos all day', 'naked eye can not see it', 'the naked truth'])('leaves %j alone', (text) => {
    expect(categories(text)).toEqual([]);
  });
});

describe('ai_authenticity', () => {
  it.each([
    'this AI girl is creepy and fake',
    'is she even real?',
    'are they real or what',
    'is this a real person?',
    'not disclosed as AI',
    "why wasn't this labelled as AI",
    'no AI label?',
    'uncanny valley vibes',
    '#ad? more like #AI',
    'This fake AI garbage is creepy',
    "it's literally a bot",
    'obviously AI generated',
    'deepfake',
    'talking to a chatbot lol',
  ])('%j', (text) => {
    expect(categories(text)).toContain('ai_authenticity');
  });

  it.each([
    'is this real leather?',
    'this is real talk',
    'fake news everywhere',
    'love the AI generated background',
    'my chatbot app is great',
    'her skin looks so real',
    'creepy halloween makeup, love it 🎃',
  ])('leaves %j alone', (text) => {
    expect(categories(text)).not.toContain('ai_authenticity');
  });
});

describe('isSlangPraise', () => {
  it.each(['lol this is sick 🔥🔥', 'your edit is insane lol', 'you killed it', 'she ate that', 'this is the shit !!'])('%j is praise', (text) => {
    expect(isSlangPraise(normalizeForRules(text))).toBe(true);
  });

  it.each(['you are sick in the head', 'this is sick', 'you are disgusting'])('%j is not', (text) => {
    expect(isSlangPraise(normalizeForRules(text))).toBe(false);
  });
});
