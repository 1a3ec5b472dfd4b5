import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import { defaultUrl, SUBGRAPHS, type SubgraphName } from "./catalogue.js";

export interface Composition {
  subgraphs: { name: SubgraphName; sdl: string }[];
  supergraph: string;
  /** Composition hints: each is something worth acting on, so the schema test fails on any. */
  hints: string[];
}

/** Builds every subgraph's schema and composes the supergraph; throws with every composition error. */
export async function composeSupergraph(): Promise<Composition> {
  const subgraphs: Composition["subgraphs"] = [];
  for (const entry of SUBGRAPHS) subgraphs.push({ name: entry.name, sdl: (await entry.build()).sdl });
  const result = composeServices(
    SUBGRAPHS.map((entry, i) => ({ name: entry.name, url: defaultUrl(entry), typeDefs: parse((subgraphs[i] as { sdl: string }).sdl) })),
  );
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join("\n")}`);
  return { subgraphs, supergraph: result.supergraphSdl, hints: result.hints.map((h) => h.toString()) };
}
