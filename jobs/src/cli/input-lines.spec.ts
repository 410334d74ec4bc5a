import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { inputLines } from './input-lines.ts';

async function lines(...chunks: Array<string | Uint8Array>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of inputLines(Readable.from(chunks))) out.push(line);
  return out;
}

describe('inputLines', () => {
  it('splits on \\n only: a lone \\r, U+2028 and U+2029 stay inside the line', async () => {
    expect(await lines('a\rb\nc\u2028d\u2029e\nf\n')).toEqual(['a\rb', 'c\u2028d\u2029e', 'f']);
  });

  it('drops the \\r of a \\r\\n line end, and keeps empty lines', async () => {
    expect(await lines('one\r\n\r\ntwo\r\n')).toEqual(['one', '', 'two']);
  });

  it('yields a last line without \\n, and nothing after a final \\n', async () => {
    expect(await lines('x\ny')).toEqual(['x', 'y']);
    expect(await lines('x\n')).toEqual(['x']);
    expect(await lines('')).toEqual([]);
  });

  it('joins lines and UTF-8 characters split across chunks', async () => {
    const bytes = new TextEncoder().encode('Léa 😍\nok');
    const chunks = Array.from(bytes, (b) => Uint8Array.of(b));
    expect(await lines(...chunks)).toEqual(['Léa 😍', 'ok']);
  });
});
