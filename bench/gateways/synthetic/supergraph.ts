import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import type { SyntheticSubgraph } from "./subgraphs.js";

/** The synthetic subgraphs composed with their running URLs; throws with every composition error. */
export function composeSynthetic(subgraphs: SyntheticSubgraph[], urls: Record<string, string>): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: urls[s.name] ?? "", typeDefs: parse(s.typeDefs) })));
  if (result.errors) throw new Error(`synthetic composition failed:\n${result.errors.map((e) => `- ${e.message}`).join("\n")}`);
  return result.supergraphSdl;
}
