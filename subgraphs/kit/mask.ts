/**
 * Personal data as a caller without the PII right sees it: enough to recognise a record on the phone
 * with its owner (the first and last digits), not enough to use it.
 */
export function maskNumber(value: string): string {
  if (value.length <= 4) return "*".repeat(value.length);
  const tail = 4;
  const head = value.length >= 12 ? 4 : value.length >= 8 ? 3 : 0;
  return value.slice(0, head) + "*".repeat(value.length - head - tail) + value.slice(-tail);
}

/** An address keeps its city and district (the first six characters), never the street and number. */
export function maskAddress(value: string): string {
  return value.length <= 6 ? "****" : `${value.slice(0, 6)}****`;
}

/** The value itself when the caller may see personal data, its masked form otherwise. */
export function personal(value: string, pii: boolean, mask: (value: string) => string = maskNumber): string {
  return pii ? value : mask(value);
}
