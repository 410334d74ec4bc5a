import { describe, expect, it } from 'vitest';
import { readCommentRow, resolveCommentMapping } from './comment-import.ts';

describe('resolveCommentMapping', () => {
  it('recognises the column names of common exports', () => {
    expect(resolveCommentMapping(['Post URL', 'Comment ID', 'Username', 'Comment', 'Timestamp'])).toEqual({
      'Post URL': 'postUrl', 'Comment ID': 'platformCommentId', Username: 'authorHandle', Comment: 'text', Timestamp: 'postedAt',
    });
    expect(resolveCommentMapping(['video_link', 'cid', 'nickname', 'text', 'create_time'])).toMatchObject({ video_link: 'postUrl', cid: 'platformCommentId', create_time: 'postedAt' });
  });
  it('lets an explicit mapping win, and names what is missing', () => {
    expect(resolveCommentMapping(['a', 'b', 'c', 'd'], { a: 'postId', b: 'platformCommentId', c: 'text', d: 'postedAt' })).toEqual({ a: 'postId', b: 'platformCommentId', c: 'text', d: 'postedAt' });
    expect(() => resolveCommentMapping(['Comment', 'Timestamp'])).toThrow(/postId or postUrl, platformCommentId/);
    expect(() => resolveCommentMapping(['a'], { a: 'nonsense' })).toThrow(/not a field/);
    expect(() => resolveCommentMapping(['a'], { z: 'text' })).toThrow(/does not have/);
  });
});

describe('readCommentRow', () => {
  const mapping = resolveCommentMapping(['Post ID', 'Comment ID', 'Comment', 'Timestamp']);
  const post = '0b5b3f5e-8a1c-4a7e-9a43-6f6a1d2e9c10';
  it('reads a row, taking a zone-less time as UTC and epoch seconds as such', () => {
    expect(readCommentRow({ 'Post ID': post, 'Comment ID': '17', Comment: ' hi ', Timestamp: '2026-03-01 12:00:00' }, mapping)).toEqual({
      row: { postId: post, platformCommentId: '17', text: 'hi', authorHandle: '', postedAt: '2026-03-01T12:00:00.000Z' },
    });
    expect(readCommentRow({ 'Post ID': post, 'Comment ID': '18', Comment: 'x', Timestamp: '1772366400' }, mapping)).toMatchObject({ row: { postedAt: '2026-03-01T12:00:00.000Z' } });
  });
  it('names the column and the reason of every problem', () => {
    expect(readCommentRow({ 'Post ID': 'nope', 'Comment ID': '', Comment: 'x', Timestamp: 'yesterday' }, mapping)).toEqual({
      problems: [
        { column: 'Post ID', reason: '"nope" is not a post id' },
        { column: 'Comment ID', reason: 'the comment id is empty' },
        { column: 'Timestamp', reason: '"yesterday" is not a date and time' },
      ],
    });
  });
});
