/**
 * Classify texts from standard input, one per line; prints one JSON line per input line:
 *   {"text":…,"label":"positive","score":0.93,"flags":[…],"classifier":"offline","version":…}
 * (plus "mentionsCharacter" when --character is given). Streams, so any input size works.
 *
 *   node jobs/scripts/classify-stdin.ts [--character "Léa Nova,@lea.nova,LeaN"] [--competitors "Glow Co,@rival"] < comments.txt
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createOfflineClassifier } from '../src/classifiers/offline/offline-classifier.ts';

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

// a closed pipe downstream (`| head`) ends the run quietly
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
let pending: string[] = [];

async function flush(): Promise<void> {
  if (pending.length === 0) return;
  const chunk = pending.join('');
  pending = [];
  if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
}

for await (const text of lines) {
  const r = classifier.classifyOne(text, characterNames);
  const out: Record<string, unknown> = {
    text,
    label: r.sentiment,
    score: Math.round(r.score * 1e4) / 1e4,
    flags: r.flags,
    classifier: r.classifier,
    version: r.version,
  };
  if (characterArg !== undefined) out.mentionsCharacter = r.mentionsCharacter;
  pending.push(`${JSON.stringify(out)}\n`);
  if (pending.length >= 1000) await flush();
}
await flush();
