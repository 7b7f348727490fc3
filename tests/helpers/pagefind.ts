import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

interface PagefindResult {
  data(): Promise<{ url: string; meta: Record<string, string>; filters: Record<string, string[]> }>;
}
interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string, options?: Record<string, unknown>): Promise<{ results: PagefindResult[] }>;
  filters(): Promise<Record<string, Record<string, number>>>;
  mergeIndex(indexPath: string, options?: Record<string, unknown>): Promise<void>;
}

let loads = 0;

/** A language's search index shards in `outDir/pagefind/<lang>/<year>/`, newest first, as folders. */
export async function shardFolders(outDir: string, lang = "en"): Promise<string[]> {
  const dir = path.join(outDir, "pagefind", lang);
  const years = (await readdir(dir)).filter((name) => /^\d{4}$/.test(name));
  return years
    .sort()
    .reverse()
    .map((year) => path.join(dir, year));
}

/**
 * Loads the Pagefind search library that the build wrote into the newest shard of a language's search index
 * and merges the language's older shards into it, the way the search page does, then runs it in Node, with
 * `fetch` answering file URLs from disk.
 */
export async function loadPagefind(outDir: string, lang = "en"): Promise<PagefindApi> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    if (url.protocol === "file:") return new Response(await readFile(fileURLToPath(url)));
    return realFetch(input, init);
  }) as typeof fetch;
  const [primary, ...others] = await shardFolders(outDir, lang);
  if (!primary) throw new Error(`no search index shard for "${lang}" in ${outDir}`);
  // A fresh module each time: a cached one would keep the shards it loaded before a rebuild.
  loads++;
  const api = (await import(
    `${pathToFileURL(path.join(primary, "pagefind.js")).href}?load=${loads}`
  )) as PagefindApi;
  await api.options({ basePath: `${pathToFileURL(primary).href}/`, baseUrl: "/" });
  await api.init();
  for (const other of others) await api.mergeIndex(`${pathToFileURL(other).href}/`, { baseUrl: "/" });
  return api;
}

/** The URLs of the pages that a search returns, best first. */
export async function searchUrls(
  api: PagefindApi,
  term: string,
  filters?: Record<string, string>,
): Promise<string[]> {
  const response = await api.search(term, filters ? { filters } : {});
  const data = await Promise.all(response.results.map((r) => r.data()));
  return data.map((d) => d.url);
}
