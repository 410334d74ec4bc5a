/**
 * Classification metrics: confusion matrix, per-class precision / recall / F1, macro averages.
 * Sentiment is judged by macro-averaged recall (the TweetEval metric), offensive by macro-F1.
 */

export interface ClassReport {
  readonly label: string;
  readonly support: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface Report {
  readonly accuracy: number;
  readonly macroRecall: number;
  readonly macroF1: number;
  readonly classes: readonly ClassReport[];
  /** confusion[gold][predicted] */
  readonly confusion: readonly (readonly number[])[];
}

export function evaluate(gold: readonly number[], predicted: readonly number[], labels: readonly string[]): Report {
  const k = labels.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  gold.forEach((g, i) => {
    const row = confusion[g];
    const p = predicted[i] ?? 0;
    if (row !== undefined) row[p] = (row[p] ?? 0) + 1;
  });
  const classes = labels.map((label, c): ClassReport => {
    const tp = confusion[c]?.[c] ?? 0;
    const support = (confusion[c] ?? []).reduce((a, b) => a + b, 0);
    const predictedAs = confusion.reduce((a, row) => a + (row[c] ?? 0), 0);
    const precision = predictedAs === 0 ? 0 : tp / predictedAs;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, support, precision, recall, f1 };
  });
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const correct = confusion.reduce((a, row, c) => a + (row[c] ?? 0), 0);
  return {
    accuracy: gold.length === 0 ? 0 : correct / gold.length,
    macroRecall: mean(classes.map((c) => c.recall)),
    macroF1: mean(classes.map((c) => c.f1)),
    classes,
    confusion,
  };
}

const pct = (x: number) => x.toFixed(4);

/** Human-readable report. */
export function formatReport(title: string, report: Report): string {
  const width = Math.max(...report.classes.map((c) => c.label.length), 9);
  const lines = [
    `${title}: macro recall ${pct(report.macroRecall)}  macro F1 ${pct(report.macroF1)}  accuracy ${pct(report.accuracy)}`,
    `  ${'class'.padEnd(width)}  precision  recall  f1      support`,
    ...report.classes.map(
      (c) => `  ${c.label.padEnd(width)}  ${pct(c.precision)}     ${pct(c.recall)}  ${pct(c.f1)}  ${c.support}`,
    ),
    `  confusion (rows gold, columns predicted: ${report.classes.map((c) => c.label).join(', ')})`,
    ...report.confusion.map((row, i) => `  ${(report.classes[i]?.label ?? '').padEnd(width)}  ${row.map((n) => String(n).padStart(6)).join('')}`),
  ];
  return lines.join('\n');
}
