/**
 * Log lines never carry personal data: numbers shaped like ID cards, bank cards and phones are masked
 * (schema/logging.ts, where every log line passes through it); customer and account numbers stay readable.
 */
export { redact } from "../../schema/logging.js";
