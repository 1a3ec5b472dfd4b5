import { errorCodesTable } from "./error-codes.js";

const START = /<!-- error-codes:[^>]*-->\n/;
const END = "<!-- /error-codes -->";

/** The README with its table of error codes rewritten from the registry. */
export function withErrorCodes(readme: string): string {
  const start = START.exec(readme);
  const end = readme.indexOf(END);
  if (!start || end < start.index) throw new Error("README.md has no <!-- error-codes … --> … <!-- /error-codes --> section");
  const from = start.index + start[0].length;
  return `${readme.slice(0, from)}${errorCodesTable()}\n${readme.slice(end)}`;
}
