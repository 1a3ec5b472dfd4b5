import "reflect-metadata";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { composeSupergraph } from "../subgraphs/compose.js";
import { withErrorCodes } from "./readme-codes.js";

/** `npm run compose`: prints each subgraph's SDL and the composed supergraph into schema/, and the error codes into the README. */
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
  const readme = new URL("../README.md", import.meta.url);
  await writeFile(readme, withErrorCodes(await readFile(readme, "utf8")));
  console.log("wrote the error codes into README.md");
  for (const hint of composition.hints) console.warn(`hint: ${hint}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
