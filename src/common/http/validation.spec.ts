import { describe, expect, it } from '@jest/globals';
import { loneSurrogateAt } from './validation.js';

describe('loneSurrogateAt', () => {
  it('names the dotted path of the first string holding a lone surrogate', () => {
    expect(loneSurrogateAt({ a: 'fine', b: [{ c: 'x\ud800y' }] }, '')).toBe('b.0.c');
    expect(loneSurrogateAt('\udc00', '')).toBe('');
  });

  it('accepts well-formed text, surrogate pairs (emoji) included', () => {
    expect(loneSurrogateAt({ a: '😀 ok', b: ['été', 1, null, true] }, '')).toBeUndefined();
  });

  it('names a key holding a lone surrogate', () => {
    expect(loneSurrogateAt({ ['k\ud800']: 1 }, '')).toBe('k\ud800');
  });

  // A CSV body is a Buffer: walking its bytes as entries overflowed the stack (a 500 the fuzz suite found).
  it('leaves bodies that are not parsed JSON alone', () => {
    expect(loneSurrogateAt(Buffer.from('a,b\n\u0000,x\n'), '')).toBeUndefined();
    expect(loneSurrogateAt(new Map([['a', '\ud800']]), '')).toBeUndefined();
  });
});
