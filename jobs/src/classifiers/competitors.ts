// Whether a comment names one of the workspace's rivals: case- and accent-insensitive, whole words,
// with or without @ and #, ignoring spaces inside the name for tags ("#GlowCo" names "Glow Co").
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function namesCompetitor(text: string, competitors: readonly string[]): boolean {
  if (competitors.length === 0) return false;
  const folded = fold(text);
  const words = ` ${folded.replace(/[^\p{L}\p{N}@#]+/gu, ' ')} `;
  const tags = new Set([...folded.matchAll(/[@#]([\p{L}\p{N}_.]+)/gu)].map((match) => match[1]!.replace(/[_.]/g, '')));
  return competitors.some((competitor) => {
    const name = fold(competitor).trim();
    if (!name) return false;
    const spaced = name.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    return words.includes(` ${spaced} `) || words.includes(` @${spaced} `) || words.includes(` #${spaced} `) || tags.has(spaced.replaceAll(' ', ''));
  });
}
