import { readFile } from "node:fs/promises";
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
}

/**
 * Loads the Pagefind search library that the build wrote into `outDir/pagefind/` and runs it in Node,
 * the way a browser would, with `fetch` answering file URLs from disk.
 */
export async function loadPagefind(outDir: string): Promise<PagefindApi> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    if (url.protocol === "file:") return new Response(await readFile(fileURLToPath(url)));
    return realFetch(input, init);
  }) as typeof fetch;
  const dir = path.join(outDir, "pagefind");
  const api = (await import(pathToFileURL(path.join(dir, "pagefind.js")).href)) as PagefindApi;
  await api.options({ basePath: `${pathToFileURL(dir).href}/`, baseUrl: "/" });
  await api.init();
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
