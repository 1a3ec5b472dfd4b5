import { readFileSync } from "node:fs";

/** The query the README offers to try, as it stands there: tests keep it working. */
export function readmeQuery(customerId?: string): string {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const block = /```graphql\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error("README.md has no graphql block");
  return customerId ? block.replace(/customer\(id: "\d{12}"\)/, `customer(id: "${customerId}")`) : block;
}
