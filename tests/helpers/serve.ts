import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

export interface StaticServer {
  /** The origin, e.g. `http://127.0.0.1:43817`, without a trailing slash. */
  origin: string;
  /** Absolute URL for a site path such as `/people/`. */
  url(sitePath: string): string;
  close(): Promise<void>;
}

async function fileAt(file: string): Promise<"file" | "dir" | undefined> {
  try {
    const info = await stat(file);
    return info.isFile() ? "file" : info.isDirectory() ? "dir" : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves a built output folder on 127.0.0.1 (a free port) as a plain static host would: `/x/` is
 * `x/index.html`, `/x` for a folder redirects to `/x/`, anything else missing is a 404 (with `404.html` if the
 * site has one).
 */
export async function serve(root: string): Promise<StaticServer> {
  const base = path.resolve(root);
  const server = createServer(async (request, response) => {
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
      response.end(body);
    };
    if (request.method !== "GET" && request.method !== "HEAD") return send(405, "method not allowed");
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    } catch {
      return send(400, "bad request");
    }
    let file = path.join(base, pathname);
    if (file !== base && !file.startsWith(base + path.sep)) return send(403, "forbidden");
    let kind = await fileAt(file);
    if (kind === "dir") {
      if (!pathname.endsWith("/")) return send(301, "moved", { location: `${pathname}/` });
      file = path.join(file, "index.html");
      kind = await fileAt(file);
    }
    let status = 200;
    if (kind !== "file") {
      file = path.join(base, "404.html");
      if ((await fileAt(file)) !== "file") return send(404, "not found");
      status = 404;
    }
    const type = TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
    response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
    if (request.method === "HEAD") return response.end();
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (sitePath) => new URL(sitePath, origin).href,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
