/**
 * Where the language detector routes each data set's texts: per set, the share detected as its own
 * language (for the English sets: 'en'; 'und' also takes the English model), and the other answers.
 * A change to language.ts or language-ngrams.ts must not lower these (README, "Language detection").
 *
 *   node jobs/scripts/language-routing.ts [--split val|train]
 */
import { MULTILINGUAL_FOLDERS, type MultilingualLanguage, readLanguageSplit, readSplit, type Split } from '../src/classifiers/offline/dataset-files.ts';
import { detectLanguage } from '../src/classifiers/offline/language.ts';

const i = process.argv.indexOf('--split');
const splitArg = i >= 0 ? process.argv[i + 1] : 'val';
if (splitArg !== 'val' && splitArg !== 'train') throw new Error(`--split: val or train, not ${String(splitArg)}`);
const split: Split = splitArg;

const sets: [name: string, language: string, texts: readonly string[]][] = [
  ['sentiment (en)', 'en', readSplit('sentiment', split).texts],
  ['offensive (en)', 'en', readSplit('offensive', split).texts],
  ...(Object.keys(MULTILINGUAL_FOLDERS) as MultilingualLanguage[]).map((l): [string, string, readonly string[]] => [l, l, readLanguageSplit(l, split).texts]),
];

console.log(`language routing, ${split} texts`);
for (const [name, language, texts] of sets) {
  const answers = new Map<string, number>();
  for (const text of texts) {
    const detected = detectLanguage(text);
    answers.set(detected, (answers.get(detected) ?? 0) + 1);
  }
  const own = answers.get(language) ?? 0;
  const others = [...answers].filter(([l]) => l !== language).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([l, n]) => `${l} ${n}`).join(', ');
  console.log(`${name}: ${texts.length} texts, ${language} ${own} (${((100 * own) / texts.length).toFixed(1)} %); others: ${others}`);
}
