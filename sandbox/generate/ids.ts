import { compactDate } from "./dates.js";
import type { ProductCode } from "./plan.js";
import type { Region } from "./regions.js";
import type { Rng } from "./rng.js";

/**
 * Every number the generator gives a customer's records derives from the customer's index, so that no
 * counter is shared between customers. The fixed-width ones are made here, each checked to fit its width.
 */

/** Id slots per customer: numeric ids (ACCT_ID, SERV_ID and those derived from them) are index × slots + position. */
export const MAX_ACCOUNTS = 10;
export const MAX_SERVICES = 32;

/** The most accounts, and services of each product, one customer can have (plan.ts draws within these). */
export const MOST_ACCOUNTS = 4;
export const MOST_SERVICES: Readonly<Record<ProductCode, number>> = { GH: 6, YD: 8, KD: 2, ZX: 4 };

/**
 * Customers up to this index keep the account and service numbers they have always had, index × slots
 * + position in eight digits; docs, tests and saved data sets name them. That stride runs out of eight
 * digits early (fixed lines at customer 1,562,500), so later customers are numbered densely, by the most
 * one customer can have, above the strided numbers.
 */
export const STRIDED_UNTIL = 1_000_000;

/**
 * The most customers a population can have: the dense fixed-line numbers, which share eight digits
 * after the area code with the strided ones, run out after customer 12,333,328.
 */
export const MAX_CUSTOMERS = 12_000_000;

const EIGHT_DIGITS = 100_000_000;
/** First service sequence the strided layout never uses. */
const STRIDED_SERVICES_END = (STRIDED_UNTIL + 1) * MAX_SERVICES;
const STRIDED_ACCOUNTS_END = (STRIDED_UNTIL + 1) * MAX_ACCOUNTS;
/** Fixed lines' strided numbers sit at 5xxxxxxx (up to 82,000,031); the dense ones go on above them and wrap round to 0xxxxxxx. */
const FIXED_LINE_BASE = 50_000_000;
const FIXED_LINE_DENSE_ROOM = EIGHT_DIGITS - STRIDED_SERVICES_END;
const MOBILE_PREFIXES = ["133", "153", "173", "177", "180", "181", "189", "199"];
/** Mobiles of the dense layout take prefixes the strided ones never have, so their eight digits start from zero. */
const DENSE_MOBILE_PREFIXES = ["190", "191", "193"];

/** `value` in exactly `width` digits, or an error naming what did not fit. */
function digits(value: number, width: number, what: string): string {
  const text = String(value);
  if (!Number.isSafeInteger(value) || value < 0 || text.length > width) throw new Error(`${what}: ${value} does not fit in ${width} digits`);
  return text.padStart(width, "0");
}

/** Position `ordinal` of customer `index` among `slots` per customer in the dense layout, counted from 0. */
function dense(index: number, slots: number, ordinal: number, what: string): number {
  if (index <= STRIDED_UNTIL) throw new Error(`${what}: customer ${index} is numbered by the strided layout`);
  if (!(Number.isInteger(ordinal) && ordinal >= 0 && ordinal < slots)) throw new Error(`${what}: customer ${index} has no slot ${ordinal} (at most ${slots})`);
  return (index - STRIDED_UNTIL - 1) * slots + ordinal;
}

/** The hall's customer number: local network + eight-digit sequence. */
export function customerNumber(region: Region, index: number): string {
  return region.code + digits(index, 8, "customer number");
}

/** Billing's account number "88" + local network + eight digits, for the customer's account `k` (0-based). */
export function accountNumber(region: Region, index: number, k: number): string {
  const seq = index <= STRIDED_UNTIL ? index * MAX_ACCOUNTS + k : STRIDED_ACCOUNTS_END + dense(index, MOST_ACCOUNTS, k, "account number");
  return "88" + region.code + digits(seq, 8, "account number");
}

/** Where a service sits in its customer's list: `position` among all its services, `ordinal` among those of its product. */
export interface ServiceSlot {
  position: number;
  ordinal: number;
}

/** The canonical service number (as hall and billing spell it); a mobile draws its prefix from `rng`. */
export function serviceNumber(product: ProductCode, region: Region, index: number, slot: ServiceSlot, rng: Rng): string {
  const what = `${product} service number`;
  if (index <= STRIDED_UNTIL) {
    const seq = index * MAX_SERVICES + slot.position;
    switch (product) {
      case "YD":
        return rng.pick(MOBILE_PREFIXES) + digits(seq, 8, what);
      case "GH":
        return region.areaCode + digits(FIXED_LINE_BASE + seq, 8, what);
      case "KD":
        return "AD" + region.areaCode + digits(seq, 8, what);
      case "ZX":
        return "ZX" + region.code + digits(seq, 8, what);
    }
  }
  const n = dense(index, MOST_SERVICES[product], slot.ordinal, what);
  switch (product) {
    case "YD":
      return rng.pick(DENSE_MOBILE_PREFIXES) + digits(n, 8, what);
    case "GH":
      if (n >= FIXED_LINE_DENSE_ROOM) throw new Error(`${what}: customer ${index} is past the last free fixed-line number`);
      return region.areaCode + digits((FIXED_LINE_BASE + STRIDED_SERVICES_END + n) % EIGHT_DIGITS, 8, what);
    case "KD":
      return "AD" + region.areaCode + digits(STRIDED_SERVICES_END + n, 8, what);
    case "ZX":
      return "ZX" + region.code + digits(STRIDED_SERVICES_END + n, 8, what);
  }
}

/** The key-account system's own customer number "DK" + ten digits. */
export function keyAccountId(index: number): string {
  return "DK" + digits(index, 10, "key account id");
}

/** An account manager "JL" + local network + four digits, the `n`th of the network (from 1). */
export function managerId(regionCode: string, n: number): string {
  return "JL" + regionCode + digits(n, 4, "manager id");
}

/** A key account's contract `n` (0-based) "HT" + local network + twelve digits. */
export function contractNo(regionCode: string, index: number, n: number): string {
  return "HT" + regionCode + digits(index * 4 + n, 12, "contract number");
}

/** The serial in complaint `n` (0-based) of customer `index`; the hall's sequence for new complaints starts after the last. */
export function complaintSerial(index: number, n: number): number {
  return index * 8 + n;
}

/** The hall's complaint number "TS" + day accepted + ten-digit serial. */
export function complaintNo(day: number, serial: number): string {
  return "TS" + compactDate(day) + digits(serial, 10, "complaint number");
}

/** The serial in trouble ticket `n` (0-based) of service `servId`; network management's sequence starts after the last. */
export function ticketSerial(servId: number, n: number): number {
  return servId * 4 + n;
}

/** Network management's ticket number "GZ" + day opened + ten-digit serial. */
export function ticketNo(day: number, serial: number): string {
  return "GZ" + compactDate(day) + digits(serial, 10, "ticket number");
}
