import { describe, expect, it } from 'vitest';
import { plural } from './plural.ts';

describe('plural', () => {
  it('is singular for exactly one', () => {
    expect([plural(0, 'arm'), plural(1, 'arm'), plural(2, 'arm'), plural(2, 'person', 'people')]).toEqual(['0 arms', '1 arm', '2 arms', '2 people']);
  });
});
