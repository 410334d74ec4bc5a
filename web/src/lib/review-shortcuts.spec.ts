import { describe, expect, it } from 'vitest';
import { shortcutOf } from './review-shortcuts.ts';

const press = (key: string, target: object | null = { tagName: 'BODY' }, extra: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; repeat: boolean }> = {}) =>
  shortcutOf({ key, altKey: false, ctrlKey: false, metaKey: false, repeat: false, target: target as EventTarget, ...extra });

describe('shortcutOf', () => {
  it('maps the documented letters outside fields', () => {
    expect(press('a')).toBe('approve');
    expect(press('C')).toBe('request_changes');
    expect(press('r', { tagName: 'BUTTON' })).toBe('reject');
    expect(press('r', { tagName: 'INPUT', type: 'checkbox' })).toBe('reject');
    expect(press('x')).toBeNull();
  });

  it('never fires while typing, nor with a modifier or a held key', () => {
    expect(press('a', { tagName: 'TEXTAREA' })).toBeNull();
    expect(press('a', { tagName: 'INPUT', type: 'text' })).toBeNull();
    expect(press('a', { tagName: 'SELECT' })).toBeNull();
    expect(press('a', { tagName: 'DIV', isContentEditable: true })).toBeNull();
    expect(press('a', undefined, { ctrlKey: true })).toBeNull();
    expect(press('a', undefined, { metaKey: true })).toBeNull();
    expect(press('a', undefined, { repeat: true })).toBeNull();
  });
});
