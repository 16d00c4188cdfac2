import { normalizerFor, pathOfNul } from '.';

describe('pathOfNul', () => {
  it('finds the first string or key with U+0000, and nothing in clean input', () => {
    expect(pathOfNul({ a: ['x', { b: 'y\u0000' }] })).toEqual(['a', 1, 'b']);
    expect(pathOfNul({ a: { 'k\u0000': 1 } })).toEqual(['a', 'k\u0000']);
    expect(pathOfNul('\u0000')).toEqual([]);
    expect(pathOfNul({ a: ['x', 1, null, { b: true }] })).toBeUndefined();
  });

  it('rejects an event with U+0000 naming the field', () => {
    const result = normalizerFor('otel')(
      { id: 'e', timestamp: 1, attributes: { team: 'a\u0000' } },
      { currency: 'USD', now: new Date('2026-11-03T00:00:00Z') },
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          field: 'attributes.team',
          message: 'must not contain NUL (U+0000) characters',
        },
      ],
    });
  });
});
