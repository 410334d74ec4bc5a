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

/** The multilingual sentiment sets (UMSAB), by the folder name under multilingual/. */
export const MULTILINGUAL_FOLDERS = {
  ar: 'arabic',
  de: 'german',
  es: 'spanish',
  fr: 'french',
  hi: 'hindi',
  it: 'italian',
  pt: 'portuguese',
} as const;
export type MultilingualLanguage = keyof typeof MULTILINGUAL_FOLDERS;

function readFolder(folder: string, split: Split, dataDir: string): LabelledSplit {
  const texts = readLines(path.join(dataDir, folder, `${split}_text.txt`));
  const labels = readLines(path.join(dataDir, folder, `${split}_labels.txt`)).map((line, i) => {
    const label = Number(line.trim());
    if (!Number.isInteger(label)) throw new Error(`${folder}/${split}_labels.txt line ${i + 1}: not a label: ${line}`);
    return label;
  });
  if (texts.length !== labels.length) {
    throw new Error(`${folder}/${split}: ${texts.length} texts but ${labels.length} labels`);
  }
  return { texts, labels };
}

export function readSplit(task: Task, split: Split, dataDir: string = resolveDataDir()): LabelledSplit {
  return readFolder(task, split, dataDir);
}

/** Sentiment (0 negative, 1 neutral, 2 positive) in one of the multilingual set's languages. */
export function readLanguageSplit(language: MultilingualLanguage, split: Split, dataDir: string = resolveDataDir()): LabelledSplit {
  return readFolder(path.join('multilingual', MULTILINGUAL_FOLDERS[language]), split, dataDir);
}

/** train and val together: the pool the cross-validation and the held-back slice are carved from. */
export function readAll(read: (split: Split) => LabelledSplit): LabelledSplit {
  const train = read('train');
  const val = read('val');
  return { texts: [...train.texts, ...val.texts], labels: [...train.labels, ...val.labels] };
}
