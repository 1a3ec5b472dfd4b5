import { Kind, parse, type EnumTypeDefinitionNode } from "graphql";

export interface SubgraphLocation {
  name: string;
  url: string;
}

/** The subgraphs a supergraph joins, with the URLs it records for them (`join__Graph` values). */
export function subgraphsOf(supergraphSdl: string): SubgraphLocation[] {
  const document = parse(supergraphSdl);
  const graphs = document.definitions.find(
    (d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === "join__Graph",
  );
  if (!graphs) throw new Error("not a supergraph: no join__Graph enum");
  return (graphs.values ?? []).map((value) => {
    const directive = value.directives?.find((d) => d.name.value === "join__graph");
    const arg = (name: string) => {
      const node = directive?.arguments?.find((a) => a.name.value === name)?.value;
      return node?.kind === Kind.STRING ? node.value : undefined;
    };
    const name = arg("name");
    const url = arg("url");
    if (!name || !url) throw new Error(`supergraph graph ${value.name.value} has no name or url`);
    return { name, url };
  });
}
