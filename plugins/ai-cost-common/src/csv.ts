/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line
 * break. Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`
 * first) is prefixed with `'`; numbers (also as decimal strings) are written as they are.
 * The one CSV writer of the backend exports and the portal's downloads.
 * @public
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number' || /^-?\d+(\.\d+)?$/.test(value)) {
    return String(value);
  }
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line (RFC 4180), CRLF-terminated. @public */
export function csvLine(fields: Array<string | number>): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
