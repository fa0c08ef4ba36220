import { describe, expect, it } from '@jest/globals';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('quotes what needs quoting and ends rows with CRLF', () => {
    expect(toCsv([['a', 'b,c', 'say "hi"', 'two\nlines', null, -33.3]])).toBe('a,"b,c","say ""hi""","two\nlines",,-33.3\r\n');
  });

  it('defuses text a spreadsheet would run as a formula, not negative numbers', () => {
    expect(toCsv([['=HYPERLINK("x")', '+1', '-cmd', '@SUM(A1)', -5]])).toBe(`"'=HYPERLINK(""x"")",'+1,'-cmd,'@SUM(A1),-5\r\n`);
  });
});
