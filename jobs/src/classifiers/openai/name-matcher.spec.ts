import { describe, expect, it } from 'vitest';
import { createNameMatcher } from './name-matcher.ts';

describe('name matcher', () => {
  const luna = createNameMatcher(['Luna Vega', '@zoë.ai']);

  it.each(['I love Luna Vega', 'LUNA VEGA!', 'lunavega is back', '@luna_vega', '#LunaVega', 'luna-vega’s look', 'ZOE.AI rocks', 'cc @zoe_ai'])('matches %j', (text) => {
    expect(luna(text)).toBe(true);
  });

  it.each(['lunavegas', 'luna', 'the vega star', 'zoe', 'xlunavega'])('does not match %j', (text) => {
    expect(luna(text)).toBe(false);
  });

  it('ignores blank and one-letter names', () => {
    expect(createNameMatcher(['', ' ', 'a', '@'])('a b c @')).toBe(false);
  });
});
