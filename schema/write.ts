import "reflect-metadata";
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { composeSupergraph } from "../subgraphs/compose.js";

/** `npm run compose`: prints each subgraph's SDL and the composed supergraph into schema/. */
const dir = fileURLToPath(new URL(".", import.meta.url));
try {
  const composition = await composeSupergraph();
  await mkdir(dir, { recursive: true });
  for (const { name, sdl } of composition.subgraphs) {
    await writeFile(`${dir}${name}.graphql`, sdl);
    console.log(`wrote schema/${name}.graphql`);
  }
  await writeFile(`${dir}supergraph.graphql`, composition.supergraph);
  console.log("wrote schema/supergraph.graphql");
  for (const hint of composition.hints) console.warn(`hint: ${hint}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
