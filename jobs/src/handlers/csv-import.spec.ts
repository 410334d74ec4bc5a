import { describe, expect, it } from 'vitest';
import { csvRecords, type CsvRecord } from './csv-import.ts';

// The file reaches the parser in slices of any size (a slice boundary may fall inside a quoted
// field, a CRLF or a multi-byte character); the records and their lines never depend on where.
const lines = [
  '\uFEFF# GA4 export',
  '',
  'Post URL,Comment ID,Comment',
  'https://i.example/p/1,a,plain 😍',
  'https://i.example/p/1,b,"two\nlines, one field"',
  'https://i.example/p/1,c,"quoted ""inner"" text"',
  '',
  'https://i.example/p/1,d,après',
];
const file = Buffer.from(lines.join('\n'));
const crlfFile = Buffer.from(lines.map((line) => line.replaceAll('\n', '\r\n')).join('\r\n'));

async function* slicesOf(content: Buffer, size: number) {
  for (let offset = 0; offset < content.length; offset += size) yield content.subarray(offset, offset + size);
}

async function recordsOf(content: Buffer, size: number): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  for await (const record of csvRecords(slicesOf(content, size))) records.push(record);
  return records;
}

describe('csvRecords', () => {
  it('reads every record with the line it starts on, after the comment lines above the header', async () => {
    expect(await recordsOf(file, file.length)).toEqual([
      { line: 4, record: { 'Post URL': 'https://i.example/p/1', 'Comment ID': 'a', Comment: 'plain 😍' } },
      { line: 5, record: { 'Post URL': 'https://i.example/p/1', 'Comment ID': 'b', Comment: 'two\nlines, one field' } },
      { line: 7, record: { 'Post URL': 'https://i.example/p/1', 'Comment ID': 'c', Comment: 'quoted "inner" text' } },
      { line: 9, record: { 'Post URL': 'https://i.example/p/1', 'Comment ID': 'd', Comment: 'après' } },
    ]);
  });

  it('reads the same records whatever the slices', async () => {
    for (const content of [file, crlfFile]) {
      const whole = await recordsOf(content, content.length);
      expect(whole).toHaveLength(4);
      for (const size of [1, 2, 3, 7, 16, 100]) expect(await recordsOf(content, size), `slices of ${size} bytes`).toEqual(whole);
    }
  });

  it('finds the header in a file much larger than a slice and counts lines past every slice boundary', async () => {
    const rows = Array.from({ length: 30_000 }, (_, n) => `https://i.example/p/1,c${n},comment ${n}`);
    const large = Buffer.from(['Post URL,Comment ID,Comment', ...rows].join('\n'));
    const records = await recordsOf(large, 4_096);
    expect(records).toHaveLength(30_000);
    expect(records[29_999]).toEqual({ line: 30_001, record: { 'Post URL': 'https://i.example/p/1', 'Comment ID': 'c29999', Comment: 'comment 29999' } });
  });

  it('surfaces an error of the source', async () => {
    async function* failing() {
      yield Buffer.from('a,b\n1,2\n');
      throw new Error('the database went away');
    }
    const read = async () => {
      for await (const record of csvRecords(failing())) void record;
    };
    await expect(read()).rejects.toThrow('the database went away');
  });
});
