/**
 * The offline classifier on very long comments: time per comment for lines of 10,000, 50,000 and
 * 100,000 characters made of patterns that used to make an expression rescan the line ("1-" made the
 * tokeniser's URL pattern quadratic: 2.5 s at 50,000 characters). Linear cost: 10x the length, about
 * 10x the time. Times are wall-clock on whatever else the machine is doing.
 *
 *   node jobs/scripts/bench-long-lines.ts
 */
import { createOfflineClassifier } from '../src/classifiers/offline/offline-classifier.ts';

const classifier = createOfflineClassifier({ competitors: ['Glow Co'] });
const character = ['Léa Nova', '@lea.nova'];
const patterns = ['1-', 'a-', 'x', '@.', 'f*', 'a b ', ':)', 'фuck ', 'shit ', 'www.', '#a', 'a\u200b', '😍', 'is she real? '];
const lengths = [10_000, 50_000, 100_000];

for (let i = 0; i < 2000; i++) classifier.classifyOne(`warm-up ${i} love it 😍`, character);

console.log('command: node jobs/scripts/bench-long-lines.ts');
console.log(`pattern          ${lengths.map((n) => `${n.toLocaleString('en-US')} chars`.padStart(16)).join('')}   100k / 10k`);
for (const unit of patterns) {
  const times = lengths.map((n) => {
    const text = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const started = process.hrtime.bigint();
      classifier.classifyOne(text, character);
      best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
    }
    return best;
  });
  console.log(`${JSON.stringify(unit).padEnd(16)} ${times.map((ms) => `${ms.toFixed(1)} ms`.padStart(16)).join('')}   ${(times[2]! / times[0]!).toFixed(1)}x`);
}
