/**
 * The offline classifier's flags on the issue-14 cases (tuned on) and on the held-back list (never
 * tuned on): one line per comment, then the accuracy of each list. A comment is right when it has
 * every expected flag and nothing else than those and its `alsoOk` flags.
 *
 *   node jobs/scripts/evaluate-rules.ts [--quiet]
 */
import { HELD_BACK_CASES } from '../src/classifiers/offline/held-back.fixtures.ts';
import { createOfflineClassifier } from '../src/classifiers/offline/offline-classifier.ts';
import { ISSUE_CASES, type RuleCase } from '../src/classifiers/offline/rule-cases.fixtures.ts';

const classifier = createOfflineClassifier();
const quiet = process.argv.includes('--quiet');

function isRight(expected: RuleCase, flags: readonly string[]): boolean {
  return expected.flags.every((f) => flags.includes(f)) && flags.every((f) => expected.flags.includes(f) || (expected.alsoOk ?? []).includes(f));
}

function report(name: string, cases: readonly RuleCase[]): void {
  let right = 0;
  const wrong: string[] = [];
  for (const c of cases) {
    const flags = classifier.classifyOne(c.text).flags;
    const ok = isRight(c, flags);
    if (ok) right++;
    const line = `${ok ? 'ok   ' : 'WRONG'} ${JSON.stringify(c.text)} -> [${flags.join(', ')}] (expected [${c.flags.join(', ')}])`;
    if (!quiet) console.log(line);
    if (!ok) wrong.push(line);
  }
  console.log(`${name}: ${right}/${cases.length} right (${((100 * right) / cases.length).toFixed(1)} %)\n`);
  if (quiet && wrong.length > 0) console.log(wrong.join('\n') + '\n');
}

console.log(`model: ${classifier.version}\n`);
report('issue 14 cases (tuned on)', ISSUE_CASES);
report('held-back cases (never tuned on)', HELD_BACK_CASES);
