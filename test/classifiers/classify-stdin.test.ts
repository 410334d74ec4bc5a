import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repository = path.resolve(import.meta.dirname, '../..');

// One JSON line per comment, as classify-stdin prints it.
type Line = { text: string; label: string; score: number; flags: string[]; version: string; classifier: string; mentionsCharacter: boolean };

function classify(input: string, args: string[] = []): Promise<{ code: number | null; lines: Line[] }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['jobs/scripts/classify-stdin.ts', ...args], { cwd: repository });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => resolve({ code, lines: output.split('\n').filter(Boolean).map((line) => JSON.parse(line)) }));
    child.stdin.end(input);
  });
}

describe('pnpm classify (texts on standard input, one JSON line each)', () => {
  it('labels every line with the offline classifier and its version', async () => {
    const { code, lines } = await classify('I love @lea.nova 😍\ncrypto giveaway DM me to earn $500 a day\nthis is awful, worst ad ever\n', ['--character', 'Léa Nova,@lea.nova']);
    expect(code).toBe(0);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ text: 'I love @lea.nova 😍', label: 'positive', classifier: 'offline', mentionsCharacter: true });
    expect(lines[0]?.version).toMatch(/^offline-/);
    expect(lines[1]?.flags).toContain('spam_scam');
    expect(lines[2]?.label).toBe('negative');
    for (const line of lines) expect(line.score).toBeGreaterThan(0);
  });
});
