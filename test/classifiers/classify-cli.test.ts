// `pnpm classify` (jobs/scripts/classify-stdin.ts) as a process: one JSON line per input line.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const script = path.resolve(import.meta.dirname, '../../jobs/scripts/classify-stdin.ts');

function classify(input: string, args: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
    child.stdin.end(input);
  });
}

describe('pnpm classify', () => {
  it('prints exactly one JSON line per input line: a lone \\r, U+2028 and U+2029 do not split, \\r\\n is a line end', async () => {
    const lines = ['love this look', 'what\rever', 'line\u2028separator', 'paragraph\u2029separator', '', 'f u c k you Léa Nova', 'is she even real?', 'x'.repeat(100_000)];
    const out = await classify(lines.join('\r\n') + '\n', ['--character', 'Léa Nova,@lea.nova']);
    const results = out.split('\n').slice(0, -1).map((row) => JSON.parse(row) as Record<string, unknown>);
    expect(out.endsWith('\n')).toBe(true);
    expect(results.map((r) => r.text)).toEqual(lines);
    for (const r of results) {
      const p = r.probabilities as { negative: number; neutral: number; positive: number };
      expect(p.negative + p.neutral + p.positive).toBeCloseTo(1, 3);
      expect(r.score).toBe(p[r.label as keyof typeof p]);
      expect(r.offensive).toEqual(expect.any(Number));
      expect(r.thresholds).toEqual({ harassment: 0.7 });
      expect(r).toHaveProperty('mentionsCharacter');
    }
    expect(results[0]!.label).toBe('positive');
    expect(results[5]!.flags).toContain('profanity');
    expect(results[5]!.mentionsCharacter).toBe(true);
    expect(results[6]!.flags).toEqual(['ai_authenticity']);
  });

  it('classifies a last line without a line end, and prints nothing for empty input', async () => {
    expect((await classify('one\ntwo')).trim().split('\n')).toHaveLength(2);
    expect(await classify('')).toBe('');
  });
});
