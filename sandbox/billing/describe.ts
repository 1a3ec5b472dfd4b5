import type { WriteOffCounts } from "./write-off.js";

/** A write-off run's counts in one line for a log or a terminal, money in yuan (the tables keep fen). */
export function describeWriteOff(counts: WriteOffCounts): string {
  return (
    `${counts.paymentsTakenUp.toLocaleString("en")} payments taken up (${yuan(counts.takenUpFen)}), ` +
    `${counts.writeOffs.toLocaleString("en")} write-offs (${yuan(counts.settledFen)}), ` +
    `${counts.billsSettled.toLocaleString("en")} bills settled in full, ${counts.accountsTouched.toLocaleString("en")} accounts touched`
  );
}

/** 123456 fen as "1,234.56 yuan", in integers: money never goes through floating point. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const whole = Math.abs(fen);
  return `${sign}${Math.floor(whole / 100).toLocaleString("en")}.${String(whole % 100).padStart(2, "0")} yuan`;
}
