/**
 * Classify texts from standard input: exactly one JSON line out per input line. Lines end at "\n"
 * only (a "\r" before it is dropped; a lone "\r", U+2028 or U+2029 stays in the text). Each output
 * line has what was decided and everything it was decided from:
 *   {"text":…,"label":"positive","score":0.93,
 *    "probabilities":{"negative":…,"neutral":…,"positive":…},   (label = the most probable)
 *    "offensive":0.12,                                            (P(offensive), offensive model)
 *    "thresholds":{"harassment":0.7},                             (P(offensive) from which an addressed comment is harassment)
 *    "flags":[…],"classifier":"offline","version":…}
 * (plus "mentionsCharacter" when --character is given). Streams, so any input size works.
 *
 *   node jobs/scripts/classify-stdin.ts [--character "Léa Nova,@lea.nova,LeaN"] [--competitors "Glow Co,@rival"] < comments.txt
 */
import { once } from 'node:events';
import { inputLines } from '../src/cli/input-lines.ts';
import { createOfflineClassifier, OFFENSIVE_FLAG_THRESHOLD } from '../src/classifiers/offline/offline-classifier.ts';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

const characterArg = argValue('--character');
const characterNames = list(characterArg);
const classifier = createOfflineClassifier({ competitors: list(argValue('--competitors')) });
const thresholds = { harassment: OFFENSIVE_FLAG_THRESHOLD };
const round = (p: number) => Math.round(p * 1e4) / 1e4;

// a closed pipe downstream (`| head`) ends the run quietly
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

let pending: string[] = [];

async function flush(): Promise<void> {
  if (pending.length === 0) return;
  const chunk = pending.join('');
  pending = [];
  if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
}

for await (const text of inputLines(process.stdin)) {
  const r = classifier.classifyOne(text, characterNames);
  const out: Record<string, unknown> = {
    text,
    label: r.sentiment,
    score: round(r.score),
    probabilities: { negative: round(r.probabilities.negative), neutral: round(r.probabilities.neutral), positive: round(r.probabilities.positive) },
    offensive: round(r.offensiveScore),
    thresholds,
    flags: r.flags,
    classifier: r.classifier,
    version: r.version,
  };
  if (characterArg !== undefined) out.mentionsCharacter = r.mentionsCharacter;
  pending.push(`${JSON.stringify(out)}\n`);
  if (pending.length >= 1000) await flush();
}
await flush();
