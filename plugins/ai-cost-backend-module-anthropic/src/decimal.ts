/**
 * Adds plain decimal strings exactly (`"123.78912"`, `"-250.00"`), so that a
 * billed total made of several cost rows is rounded to micro-units once, not
 * once per row.
 */
export function sumDecimalStrings(values: readonly string[]): string {
  const parsed = values.map(value => {
    const match = /^([+-])?(\d+)(?:\.(\d+))?$/.exec(value.trim());
    if (!match) {
      throw new Error(`Invalid decimal ${JSON.stringify(value)}`);
    }
    return {
      negative: match[1] === '-',
      digits: match[2] + (match[3] ?? ''),
      scale: (match[3] ?? '').length,
    };
  });
  const scale = Math.max(0, ...parsed.map(p => p.scale));
  let sum = 0n;
  for (const p of parsed) {
    const scaled = BigInt(p.digits) * 10n ** BigInt(scale - p.scale);
    sum += p.negative ? -scaled : scaled;
  }
  const negative = sum < 0n;
  const abs = (negative ? -sum : sum).toString().padStart(scale + 1, '0');
  const text =
    scale === 0 ? abs : `${abs.slice(0, -scale)}.${abs.slice(-scale)}`;
  return negative ? `-${text}` : text;
}
