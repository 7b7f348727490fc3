import { createHash } from "node:crypto";
import { decodeManifest, encodeManifest } from "../src/publish/manifest-format.ts";

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");
const n = 150000;
const pages = new Map<string, string>(),
  outputs = new Map<string, string>(),
  sources = new Map<string, string>();
for (let i = 0; i < n; i++) {
  const f = `2021/03/${i % 28}/council-approves-harbour-plan-number-${i}/index.html`;
  pages.set(f, sha1(`x${i}`));
  outputs.set(f, sha1(`y${i}`));
  if (i % 3) sources.set(f, `/srv/content/${f}.md`);
}
const m = { fingerprint: "x", pages, outputs, sources };
for (let r = 0; r < 5; r++) {
  let s = performance.now();
  const b = encodeManifest(m);
  const e = performance.now() - s;
  s = performance.now();
  decodeManifest(b);
  console.log("encode", e.toFixed(0), "decode", (performance.now() - s).toFixed(0));
}
