import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/api-harness.ts';

// Text fits its columns: the longest text a schema accepts is stored, never a 500 from PostgreSQL
// ("value too long for type character varying(255)"). Found by the fuzzer (test/api/fuzz.test.ts).

let harness: Awaited<ReturnType<typeof startTestApp>>;

beforeAll(async () => {
  harness = await startTestApp();
});
afterAll(() => harness.close());

describe('text limits', () => {
  it("adds a user with the longest name: the first key's label is shortened to fit (was a 500)", async () => {
    for (const name of ['a'.repeat(255), 'é'.repeat(255)]) {
      const response = await harness.admin.post('/v1/users', { email: `long-${name.length}-${name.codePointAt(0)}@a.test`, name, role: 'studio' });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body.user.name).toBe(name);
      expect(response.body.apiKey.label).toMatch(/…'s first key$/);
      expect([...response.body.apiKey.label].length).toBe(255);
    }
    // 127 emoji are 254 UTF-16 units (the schema's count) but 127 characters (the column's): no need to shorten.
    for (const name of ['Léa', '🚀'.repeat(127)]) {
      const response = await harness.admin.post('/v1/users', { email: `short-${name.length}@a.test`, name, role: 'studio' });
      expect(response.body.apiKey.label).toBe(`${name}'s first key`);
    }
  });

  it('refuses an e-mail address longer than its column, naming the field', async () => {
    const response = await harness.admin.post('/v1/users', { email: `a@${['b', 'c', 'd', 'e', 'f'].map((letter) => letter.repeat(60)).join('.')}.test`, name: 'Long', role: 'studio' });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.email']);
  });
});
