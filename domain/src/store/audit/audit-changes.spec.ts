import { describe, expect, it } from 'vitest';
import { changedFields, isSecretField, REDACTED } from './audit-changes.ts';

describe('changedFields', () => {
  it('keeps only the fields whose value changed, with their values before and after', () => {
    expect(changedFields({ name: 'Spring', budgetMinor: 0, tags: ['a'] }, { name: 'Summer', budgetMinor: 0, tags: ['a'] })).toEqual({ name: { before: 'Spring', after: 'Summer' } });
  });

  it('shows a created record as its set fields after nothing, and a deleted one the other way round', () => {
    expect(changedFields(null, { name: 'New', note: null })).toEqual({ name: { before: null, after: 'New' } });
    expect(changedFields({ name: 'Old', note: null }, null)).toEqual({ name: { before: 'Old', after: null } });
  });

  it('compares structured values by content', () => {
    expect(changedFields({ mapping: { A: 'views' } }, { mapping: { A: 'views' } })).toBeNull();
    expect(changedFields({ mapping: { A: 'views' } }, { mapping: { A: 'likes' } })).toEqual({ mapping: { before: { A: 'views' }, after: { A: 'likes' } } });
  });

  it('redacts secrets but still tells a secret set from one cleared', () => {
    expect(changedFields({ alertWebhookSecret: null }, { alertWebhookSecret: 'hunter2-hunter2-hunter2' })).toEqual({ alertWebhookSecret: { before: null, after: REDACTED } });
    expect(changedFields({ alertWebhookSecret: 'old-secret-old-secret' }, { alertWebhookSecret: null })).toEqual({ alertWebhookSecret: { before: REDACTED, after: null } });
    expect(changedFields({ keyHash: 'a' }, { keyHash: 'b' })).toEqual({ keyHash: { before: REDACTED, after: REDACTED } });
  });

  it('knows secrets by name: hashes, secrets, passwords and tokens, not token counts', () => {
    for (const name of ['keyHash', 'tokenHash', 'alertWebhookSecret', 'password', 'token', 'credentials', 'accessToken', 'refreshToken', 'codeVerifier', 'authStateHash']) expect(isSecretField(name), name).toBe(true);
    for (const name of ['promptTokens', 'completionTokens', 'name', 'alertWebhookUrl', 'tokenExpiresAt']) expect(isSecretField(name), name).toBe(false);
  });
});
