import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.js';

describe('insights CSV', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(toCsv(['a', 'b'], [['x, y', 'say "hi"'], ['line\nbreak', null]])).toBe('a,b\r\n"x, y","say ""hi"""\r\n"line\nbreak",\r\n');
  });

  it('never lets a spreadsheet run a label as a formula', () => {
    for (const hostile of ['=HYPERLINK("http://evil")', '+1+1', '-2', '@SUM(A1)']) expect(csvCell(hostile).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell(-0.25)).toBe('-0.25'); // numbers stay numbers
    expect(csvCell('refund')).toBe('refund');
  });
});
