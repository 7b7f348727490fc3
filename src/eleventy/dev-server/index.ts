import type { IncomingMessage, ServerResponse } from "node:http";
import EleventyDevServer from "@11ty/eleventy-dev-server";

/** The address the dev server listens on: this machine only, unless `DATELINE_HOST` names another. */
export const DEFAULT_HOST = "127.0.0.1";

/**
 * Eleventy's dev server, loaded by Eleventy as a server module (`setServerOptions({ module })`), with one
 * change: it listens on `options.host` instead of every interface, so drafts shown in preview are not
 * reachable from the network.
 */
export default class LocalDevServer extends EleventyDevServer {
  static override getServer(name: string, dir: string, options: Record<string, unknown>): LocalDevServer {
    return new LocalDevServer(name, dir, options);
  }

  override _serverListen(port: number): void {
    const host = typeof this.options.host === "string" ? this.options.host : DEFAULT_HOST;
    this.server.listen({ port, host });
  }
}

/**
 * Middleware that answers a request whose path cannot be served with 400, before Eleventy's file lookup
 * (which throws on `..%2f` and leaves the request unanswered): malformed percent-encoding, a NUL byte, or
 * a `..` segment once decoded.
 */
export function rejectBadPaths(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const pathname = (req.url ?? "/").split("?")[0] ?? "/";
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = "\0";
  }
  if (decoded.includes("\0") || decoded.split(/[\\/]/).includes("..")) {
    res.statusCode = 400;
    res.setHeader("Content-Type", "text/plain; charset=utf-8");
    res.end("Bad request: the path leaves the site\n");
    return;
  }
  next();
}

/** Eleventy looks for `getServer` on the module itself (an ES module's namespace, not its default export). */
export function getServer(name: string, dir: string, options: Record<string, unknown>): LocalDevServer {
  return LocalDevServer.getServer(name, dir, options);
}
