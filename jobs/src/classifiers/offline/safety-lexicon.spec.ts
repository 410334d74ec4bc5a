import { describe, expect, it } from 'vitest';
import { normalizeForRules } from './normalize.ts';
import { lexiconCategories, targetsPerson } from './safety-lexicon.ts';

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
