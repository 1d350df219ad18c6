/**
 * `npm run generate:contract [-- --check]`: writes what schema.json gives the TypeScript code
 * (scripts/renderContract.ts) into provider/shape.generated.ts and sdk/nodejs/shape.generated.ts, after
 * any change of the schema. With --check it writes nothing and exits 1 when a file differs.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { REPO, readSchema, renderContract } from "./renderContract";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { check: { type: "boolean", default: false } } });
  const files = await renderContract(readSchema());
  const stale: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    let current: string | undefined;
    try {
      current = readFileSync(join(REPO, path), "utf8");
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    stale.push(path);
    if (!values.check) writeFileSync(join(REPO, path), text);
  }
  if (values.check && stale.length > 0) {
    console.error(`stale, run npm run generate:contract: ${stale.join(", ")}`);
    process.exitCode = 1;
  } else {
    console.log(stale.length > 0 ? `wrote ${stale.join(", ")}` : "up to date");
  }
}

void main();
