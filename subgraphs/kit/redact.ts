/**
 * Log lines never carry personal data: whatever a legacy system or a bug puts into a message, numbers
 * shaped like ID cards, bank cards and phones are masked before it is written. Customer (12 digits)
 * and account numbers (88 + 12) stay readable: operators need them to find the record.
 */
const PERSONAL_NUMBERS: RegExp[] = [
  /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g, // resident ID card
  /(?<![\dA-Za-z])(?!88\d{12}(?!\d))\d{15,19}(?![\dA-Za-z])/g, // bank card
  /(?<![\dA-Za-z])(?:86)?1\d{10}(?![\dA-Za-z])/g, // mobile
  /(?<![\dA-Za-z])0\d{2,3}-?\d{7,8}(?![\dA-Za-z])/g, // fixed line
];

export function redact(text: string): string {
  return PERSONAL_NUMBERS.reduce((t, pattern) => t.replace(pattern, (n) => `${n.slice(0, 2)}${"*".repeat(Math.max(0, n.length - 4))}${n.slice(-2)}`), text);
}
