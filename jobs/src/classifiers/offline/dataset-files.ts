/**
 * The labelled data for training and evaluation (jobs/data, see its README for sources and
 * licences): one text per line, labels on the same line number. Only scripts and tests read it; the
 * classifier never does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type Task = 'sentiment' | 'offensive';
export type Split = 'train' | 'val';

export interface LabelledSplit {
  readonly texts: string[];
  readonly labels: number[];
}

/** OFFLINE_DATA_DIR, else the repository's own copy in jobs/data. */
export function resolveDataDir(): string {
  return process.env.OFFLINE_DATA_DIR ?? path.resolve(import.meta.dirname, '../../../data');
}

function readLines(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export function readSplit(task: Task, split: Split, dataDir: string = resolveDataDir()): LabelledSplit {
  const texts = readLines(path.join(dataDir, task, `${split}_text.txt`));
  const labels = readLines(path.join(dataDir, task, `${split}_labels.txt`)).map((line, i) => {
    const label = Number(line.trim());
    if (!Number.isInteger(label)) throw new Error(`${task}/${split}_labels.txt line ${i + 1}: not a label: ${line}`);
    return label;
  });
  if (texts.length !== labels.length) {
    throw new Error(`${task}/${split}: ${texts.length} texts but ${labels.length} labels`);
  }
  return { texts, labels };
}
