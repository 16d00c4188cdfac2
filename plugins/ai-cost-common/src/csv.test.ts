import { csvField, csvLine } from './csv';

describe('csv', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-0.500000')).toBe('-0.500000');
    expect(csvField('@team')).toBe("'@team");
    expect(csvField(12)).toBe('12');
  });

  it('writes CRLF-terminated lines', () => {
    expect(csvLine([1, 'x', 'y,z'])).toBe('1,x,"y,z"\r\n');
  });
});
