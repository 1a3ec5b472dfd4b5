/** Numbers as they appear in reasons: grouped thousands, at most two decimals, no locale surprises. */
export function num(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Math.round(value * 100) / 100;
  // Most numbers in reasons have nothing to group: skip the split and the pattern (reasons are made for every customer of a snapshot).
  if (rounded > -1000 && rounded < 1000) return `${rounded < 0 ? "-" : ""}${Math.abs(rounded)}`;
  const [whole = "0", fraction] = Math.abs(rounded).toString().split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${rounded < 0 ? "-" : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
}

export function fen(amount: number): string {
  return `${num(amount)} fen`;
}

export function percent(ratio: number): string {
  return `${num(ratio * 100)}%`;
}

/** "1 bill", "3 bills". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${num(n)} ${n === 1 ? singular : plural}`;
}

/** "+1.5%", "-2%", "0%". */
export function signedPercent(ratio: number): string {
  const text = percent(ratio);
  return ratio > 0 && text !== "0%" ? `+${text}` : text === "-0%" ? "0%" : text;
}
