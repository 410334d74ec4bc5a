/**
 * Throughput of the offline classifier on one core (single thread, synchronous hot path): language
 * detection + sentiment (English or the language's head) + offensive model + every flag + character
 * mention. Two corpora, each repeated to --comments: the English val texts of both tasks, and the
 * same with the val texts of the seven other languages added (40 % of that mix). Also the model's
 * load time: importing the classifier (the language detector's database included) and decoding
 * model.json.gz, in this fresh process.
 *
 *   node jobs/scripts/bench-offline.ts [--comments 200000] [--model path/to/model.json.gz]
 *     --model: another model file (default the committed one), to compare two models in the same minutes
 */
import { readLanguageSplit, MULTILINGUAL_FOLDERS, type MultilingualLanguage, readSplit } from '../src/classifiers/offline/dataset-files.ts';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const modelPath = argValue('--model');
const loadStarted = performance.now();
const { createOfflineClassifier } = await import('../src/classifiers/offline/offline-classifier.ts');
const classifier = createOfflineClassifier({ competitors: ['Nike', '@adidas', 'Puma'], ...(modelPath === undefined ? {} : { model: modelPath }) });
classifier.classifyOne('warm up the first call');
const loadMs = performance.now() - loadStarted;

const target = Number(argValue('--comments') ?? 200_000);
const character = ['Léa Nova', '@lea.nova', 'LeaN'];
const english = [...readSplit('sentiment', 'val').texts, ...readSplit('offensive', 'val').texts];
const others = (Object.keys(MULTILINGUAL_FOLDERS) as MultilingualLanguage[]).flatMap((l) => readLanguageSplit(l, 'val').texts);

function repeatTo(base: readonly string[]): string[] {
  const texts: string[] = [];
  while (texts.length < target) texts.push(...base.slice(0, target - texts.length));
  return texts;
}

function run(name: string, texts: readonly string[]): void {
  // warm-up (JIT), not timed
  for (let i = 0; i < 20_000; i++) classifier.classifyOne(texts[i % texts.length]!, character);
  let flagged = 0;
  const languages = new Map<string, number>();
  const cpuStarted = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (const text of texts) {
    const r = classifier.classifyOne(text, character);
    flagged += r.flags.length > 0 ? 1 : 0;
    languages.set(r.language, (languages.get(r.language) ?? 0) + 1);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  // CPU time of this thread's process: on a machine shared with other work, wall time overstates
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const rate = texts.length / seconds;
  const top = [...languages].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([l, n]) => `${l} ${n}`).join(', ');
  console.log(`${name}: ${texts.length} comments in ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU on one core: ${Math.round(rate)} comments/s wall, ${Math.round(texts.length / cpuSeconds)} comments/s of CPU time (${flagged} flagged; languages: ${top})`);
}

console.log(`command: node jobs/scripts/bench-offline.ts --comments ${target}${modelPath === undefined ? '' : ` --model ${modelPath}`}`);
console.log(`model: ${classifier.version}; load (import, language database, model decode, first call): ${loadMs.toFixed(0)} ms`);
run('English', repeatTo(english));
run('English + 7 languages', repeatTo([...english, ...others]));
