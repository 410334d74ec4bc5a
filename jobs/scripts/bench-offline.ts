/**
 * Throughput of the offline classifier on one core (single thread, synchronous hot path):
 * sentiment + offensive model + every flag + character mention, on the val texts of both tasks
 * repeated to ~200k comments.
 *
 *   node jobs/scripts/bench-offline.ts [--comments 200000]
 */
import { readSplit } from '../src/classifiers/offline/dataset-files.ts';
import { createOfflineClassifier } from '../src/classifiers/offline/offline-classifier.ts';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const target = Number(argValue('--comments') ?? 200_000);
const base = [...readSplit('sentiment', 'val').texts, ...readSplit('offensive', 'val').texts];
const texts: string[] = [];
while (texts.length < target) texts.push(...base.slice(0, target - texts.length));

const classifier = createOfflineClassifier({ competitors: ['Nike', '@adidas', 'Puma'] });
const character = ['Léa Nova', '@lea.nova', 'LeaN'];

// warm-up (JIT), not timed
for (let i = 0; i < 20_000; i++) classifier.classifyOne(texts[i % texts.length]!, character);

let flagged = 0;
let mentions = 0;
const started = process.hrtime.bigint();
for (const text of texts) {
  const r = classifier.classifyOne(text, character);
  flagged += r.flags.length > 0 ? 1 : 0;
  mentions += r.mentionsCharacter ? 1 : 0;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const rate = texts.length / seconds;

console.log(`command: node jobs/scripts/bench-offline.ts --comments ${target}`);
console.log(`model: ${classifier.version}`);
console.log(`${texts.length} comments in ${seconds.toFixed(2)} s on one core: ${Math.round(rate)} comments/s`);
console.log(`(${flagged} flagged, ${mentions} naming the character; ${(1e6 / rate).toFixed(1)} µs per comment)`);
