import { describe, expect, it } from 'vitest';
import { changedFields } from './changed-fields.ts';

describe('changedFields', () => {
  it('keeps only what differs, lists and nulls included', () => {
    const before = { name: 'Léa', aliases: ['Lea'], launchedOn: '2026-01-05', hourlyRateMinor: null, kind: 'ai_character' };
    expect(changedFields(before, { name: 'Léa', aliases: ['Lea'], launchedOn: '2026-01-05', hourlyRateMinor: null })).toEqual({});
    expect(changedFields(before, { name: 'Léa Nova', aliases: ['Lea', 'LN'], launchedOn: null, hourlyRateMinor: 4500 })).toEqual({ name: 'Léa Nova', aliases: ['Lea', 'LN'], launchedOn: null, hourlyRateMinor: 4500 });
  });

  it('treats a missing field as empty', () => {
    expect(changedFields({}, { note: null })).toEqual({});
    expect(changedFields({}, { note: 'x' })).toEqual({ note: 'x' });
  });
});

describe('shownRecord', () => {
  it('reads the JSON object the form showed, nothing else', async () => {
    const { shownRecord } = await import('./changed-fields.ts');
    expect(shownRecord('{"name":"Léa"}')).toEqual({ name: 'Léa' });
    expect(shownRecord('[1]')).toBeNull();
    expect(shownRecord('not json')).toBeNull();
  });
});
