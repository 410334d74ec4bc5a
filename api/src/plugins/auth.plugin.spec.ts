import { describe, expect, it } from 'vitest';
import { roleNotAllowedMessage } from './auth.plugin.ts';

describe('the 403 message', () => {
  it('lists admin and the allowed roles', () => {
    expect(roleNotAllowedMessage('viewer', ['studio', 'approver'])).toBe('Your role (viewer) may not do this; it needs one of: admin, studio, approver.');
  });

  it('never leaves an empty entry when only admins may act', () => {
    expect(roleNotAllowedMessage('studio', [])).toBe('Your role (studio) may not do this; it needs the admin role.');
    expect(roleNotAllowedMessage('studio', ['admin'])).toBe('Your role (studio) may not do this; it needs the admin role.');
  });
});
