import { describe, expect, it } from 'vitest';
import { lastChangeRequest, mediaByRevision, submissions } from './revisions.ts';

describe('revisions', () => {
  it('groups media newest revision first, keeping upload order', () => {
    expect(mediaByRevision([{ revision: 1, id: 'a' }, { revision: 2, id: 'b' }, { revision: 1, id: 'c' }])).toEqual([
      { revision: 2, items: [{ revision: 2, id: 'b' }] },
      { revision: 1, items: [{ revision: 1, id: 'a' }, { revision: 1, id: 'c' }] },
    ]);
  });

  it('finds the last request for changes and counts submissions', () => {
    const history = [
      { action: 'create' as const, reason: null, at: '1' },
      { action: 'submit' as const, reason: null, at: '2' },
      { action: 'request_changes' as const, reason: 'Warmer light', at: '3' },
      { action: 'submit' as const, reason: null, at: '4' },
      { action: 'request_changes' as const, reason: 'Crop tighter', at: '5' },
    ];
    expect(lastChangeRequest(history)?.reason).toBe('Crop tighter');
    expect(lastChangeRequest(history.slice(0, 2))).toBeNull();
    expect(submissions(history)).toBe(2);
  });
});
