import fc from 'fast-check';

/**
 * Runs of a property: `defaults` as the suite runs in CI, times
 * `AI_COST_FUZZ_SCALE` (e.g. 10 for a longer exploratory run).
 */
export function fuzzRuns(defaults: number): number {
  const scale = Number(process.env.AI_COST_FUZZ_SCALE ?? 1);
  return Math.max(1, Math.round(defaults * (scale > 0 ? scale : 1)));
}

/** Percent-encodes every byte of the UTF-8 form except RFC 3986 unreserved characters. */
function percentEncodeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c)
      ? c
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A string as it can travel in a URL: every byte percent-encoded. */
export function encodeForUrl(value: string): string {
  return percentEncodeBytes(Buffer.from(value, 'utf8'));
}

/** Strings that break naive code: control characters, NUL, unicode, injections, sizes. */
export const weirdString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      'a\u0000b',
      '\ud800',
      '%',
      '%00',
      '%zz',
      '..',
      '../../etc/passwd',
      'null',
      'undefined',
      'NaN',
      'Infinity',
      '-1',
      '0',
      '1e309',
      '9007199254740993',
      '__proto__',
      'constructor',
      "' OR 1=1 --",
      '"; DROP TABLE ai_cost_usage; --',
      '<script>alert(1)</script>',
      '${jndi:ldap://x}',
      '\u202e\u0007',
      'x'.repeat(3000),
    ),
  },
);

/** A day `min`..`max` days after 2026-08-01, around the test data. */
function plausibleDayBetween(min: number, max: number): fc.Arbitrary<string> {
  return fc
    .integer({ min, max })
    .map(n =>
      new Date(Date.UTC(2026, 7, 1) + n * 86_400_000)
        .toISOString()
        .slice(0, 10),
    );
}

/** A day of 2026-08-01..2027-01-31, around the test data. */
export const plausibleDay = plausibleDayBetween(0, 183);

/** Day-like values around `plausible`: impossible days, other formats, garbage. */
function dayLikeAround(plausible: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: plausible },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '2026-11-01',
        '2026-11-03',
        '2026-11-20',
        '2025-11-20',
        '2026-02-29',
        '2024-02-29',
        '2026-13-01',
        '2026-00-10',
        '2026-11-31',
        '0000-01-01',
        '9999-12-31',
        '2026-1-1',
        '20261101',
        '2026-11-01T00:00:00Z',
        '+02026-11-01',
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2200-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map(d => d.toISOString().slice(0, 10)),
    },
    { weight: 1, arbitrary: weirdString },
  );
}

/** Day-like values: days near the data, valid days, impossible days, other formats, garbage. */
export const dayLike = dayLikeAround(plausibleDay);
/** Like {@link dayLike}, for the start of a window: mostly before {@link toDayLike}. */
export const fromDayLike = dayLikeAround(plausibleDayBetween(0, 106));
/** Like {@link dayLike}, for the end of a window. */
export const toDayLike = dayLikeAround(plausibleDayBetween(92, 183));

/** Entity-reference-like values. */
export const entityRefLike = (known: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...known) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'component:default/nope',
        'component:search-api',
        'search-api',
        'Component:Default/Search-API',
        ':/',
        'a:b/c/d',
        'component:/x',
        'component:default/',
        'user:default/admin',
      ),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(weirdString, weirdString, weirdString)
        .map(([kind, ns, name]) => `${kind}:${ns}/${name}`),
    },
    { weight: 1, arbitrary: weirdString },
  );

/** One `key=value` of a query, already encoded. */
export type QueryPair = [string, string];

/**
 * A query string for a route with the given parameters. Three times out of
 * four it is plausible: each parameter present or not, once, with a value
 * from its arbitrary. Otherwise it is hostile: values may be repeated
 * (`a=1&a=2`), in bracket form (`a[x]=1`, `a[]=1`), raw (possibly invalid)
 * percent sequences or weird strings, with unknown and prototype-polluting
 * keys, in any order. Values travel as percent-encoded UTF-8.
 */
export function queryString(
  params: Record<string, fc.Arbitrary<string>>,
): fc.Arbitrary<string> {
  const join = (pairs: QueryPair[]) =>
    pairs.map(([k, v]) => `${k}=${v}`).join('&');
  const plausible = fc
    .tuple(
      ...Object.entries(params).map(([name, value]) =>
        fc.option(
          value.map((v): QueryPair => [name, encodeForUrl(v)]),
          { freq: 8, nil: undefined },
        ),
      ),
    )
    .map(pairs => join(pairs.filter((p): p is QueryPair => p !== undefined)));

  const rawValue = fc.oneof(
    fc.uint8Array({ maxLength: 12 }).map(percentEncodeBytes),
    fc.constantFrom('%', '%E0%A4%A', '%FF%FE', '%25%', '+', '&', '='),
  );
  const pairsOf = (name: string, given: fc.Arbitrary<string>) => {
    const value = fc.oneof(given, weirdString);
    return fc.oneof(
      {
        weight: 4,
        arbitrary: value.map((v): QueryPair[] => [[name, encodeForUrl(v)]]),
      },
      {
        weight: 1,
        arbitrary: fc
          .array(value, { minLength: 2, maxLength: 3 })
          .map(vs => vs.map((v): QueryPair => [name, encodeForUrl(v)])),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('[]', '[x]', '[0]', '[__proto__]'), value)
          .map(([suffix, v]): QueryPair[] => [
            [`${name}${encodeForUrl(suffix)}`, encodeForUrl(v)],
          ]),
      },
      { weight: 1, arbitrary: rawValue.map((v): QueryPair[] => [[name, v]]) },
    );
  };
  const extra = fc.array(
    fc
      .tuple(
        fc.oneof(
          fc.constantFrom(
            '__proto__',
            'constructor',
            'toString',
            'hasOwnProperty',
            '__proto__[x]',
            'a[b][c]',
            '',
          ),
          fc.string({ maxLength: 8 }),
        ),
        weirdString,
      )
      .map(([k, v]): QueryPair => [encodeForUrl(k), encodeForUrl(v)]),
    { maxLength: 2 },
  );
  const hostile = fc
    .tuple(
      fc.tuple(
        ...Object.entries(params).map(([name, value]) =>
          fc.option(pairsOf(name, value), { freq: 5, nil: undefined }),
        ),
      ),
      extra,
    )
    .chain(([pairs, more]) => {
      const all = [...pairs.flatMap(p => p ?? []), ...more];
      return fc
        .shuffledSubarray(all, { minLength: all.length, maxLength: all.length })
        .map(join);
    });
  return fc.oneof(
    { weight: 3, arbitrary: plausible },
    { weight: 1, arbitrary: hostile },
  );
}

/** A path segment: known ids, weird strings, or raw (possibly invalid) percent sequences. */
export function pathSegment(known: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known) },
    {
      weight: 3,
      arbitrary: weirdString.filter(s => s.length > 0).map(encodeForUrl),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '%',
        '%E0%A4%A',
        '%FF',
        '%2F..%2F',
        '%00',
        '..',
        '.',
      ),
    },
  );
}

/** Any JSON value, biased to objects and arrays of weird strings and numbers. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      null,
      0,
      -1,
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER + 2,
      5e-324,
      [],
      {},
      '',
      true,
    ),
  },
  {
    weight: 1,
    arbitrary: fc.dictionary(weirdString, fc.jsonValue({ maxDepth: 2 }), {
      maxKeys: 4,
    }),
  },
);

/** A number a JSON body can carry, with the edge cases money and counts hit. */
export const numberLike: fc.Arbitrary<unknown> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(
    0,
    -0,
    0.1,
    1e-7,
    1e12,
    1e12 + 1,
    1e21,
    Number.MAX_SAFE_INTEGER,
    2 ** 63,
    -5,
  ),
  fc.constantFrom('12', '1.5', '', 'abc', null, true, [], {}),
);

/**
 * An object with some of `fields` (each valid-ish or weird), sometimes an
 * unknown field, sometimes not an object at all.
 */
export function bodyLike(
  fields: Record<string, fc.Arbitrary<unknown>>,
  requiredKeys: string[] = [],
): fc.Arbitrary<unknown> {
  const record = fc.record(fields, { requiredKeys });
  return fc.oneof(
    { weight: 6, arbitrary: record },
    {
      weight: 1,
      arbitrary: fc
        .tuple(record, weirdString, anyJson)
        .map(([r, k, v]) => ({ ...(r as object), [k]: v })),
    },
    { weight: 2, arbitrary: anyJson },
  );
}

/**
 * The problems of an API answer to hostile input, empty when it is clean: a
 * 5xx, an error without a message, or what looks like a stack trace or a
 * server path (`at fn (file:1:2)` frames, the repository or node_modules
 * paths, a `stack` field).
 */
export function responseProblems(res: {
  status: number;
  text: string;
  body: unknown;
}): string[] {
  const problems: string[] = [];
  if (res.status >= 500) problems.push(`status ${res.status}`);
  if (res.status >= 400) {
    const error = (
      res.body as { error?: { message?: unknown; stack?: unknown } }
    )?.error;
    if (typeof error?.message !== 'string' || error.message.length === 0) {
      problems.push('no error message');
    }
    if (error?.stack !== undefined) problems.push('stack field in body');
  }
  const text = res.text ?? '';
  if (/\bat (?:async )?[\w.<>$[\]]+ \([^()\n]*:\d+:\d+\)/.test(text)) {
    problems.push('stack frame in body');
  }
  if (/\bat \/[^\s"]*:\d+:\d+/.test(text)) problems.push('stack frame in body');
  if (text.includes(process.cwd()) || /node_modules[\\/]/.test(text)) {
    problems.push('server path in body');
  }
  return problems;
}
