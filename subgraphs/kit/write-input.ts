import { badUserInput } from "./errors.js";

/**
 * Checks of a write's arguments, made before anything is read or sent. Each refusal is BAD_USER_INPUT
 * naming the argument (`input.amountFen`); the caller's own value is shown cut short, never anyone else's.
 */

/** Control characters (tab and newlines aside) and lone surrogates: no legacy system can store them. */
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const shown = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

/** The value, when `format` accepts it. */
export function checkFormat(name: string, value: string, format: { test(value: string): boolean }, shape: string): string {
  if (!format.test(value)) throw badUserInput(`${name} ${shown(value)} is not ${shape}`);
  return value;
}

/** The idempotency key, when it is 8–64 characters of letters, digits, `_ : . -` (a UUID fits). */
export function checkIdempotencyKey(name: string, value: string, format: { test(value: string): boolean }): string {
  return checkFormat(name, value, format, "an idempotency key (8–64 letters, digits, _ : . -; a UUID fits)");
}

/**
 * Text trimmed of surrounding blanks, when 1 to `max` characters of storable text remain. Characters are
 * counted in UTF-16 units, as the strictest of the systems does; for Chinese text that is one each.
 */
export function checkText(name: string, value: string, max: number, options: { optional?: boolean } = {}): string {
  const text = value.trim();
  if (text === "" && options.optional) return text;
  if (text === "") throw badUserInput(`${name} must not be blank`);
  if (text.length > max) throw badUserInput(`${name} must be at most ${max} characters`);
  if (NOT_TEXT.test(text)) throw badUserInput(`${name} holds a control character or broken text`);
  return text;
}

/** An amount of money in fen, when a positive whole number not over `maxFen`. */
export function checkAmountFen(name: string, value: number, maxFen: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw badUserInput(`${name} must be a positive whole number of fen`);
  if (value > maxFen) throw badUserInput(`${name} must be at most ${maxFen} fen`);
  return value;
}
