import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { listFiles } from "../../src/publish/output.ts";

/** Every file under `dir` (relative, forward slashes) with the SHA-256 of its bytes, in a stable order. */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of (await listFiles(dir)).sort()) {
    out[file.split(path.sep).join("/")] = createHash("sha256")
      .update(await readFile(path.join(dir, file)))
      .digest("hex");
  }
  return out;
}
