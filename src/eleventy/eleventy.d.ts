declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: Record<string, unknown>);
    write(): Promise<unknown>;
    disableLogger(): void;
  }
}

declare module "@11ty/eleventy-dev-server" {
  import type { Server } from "node:http";
  export default class EleventyDevServer {
    constructor(name: string, dir: string, options?: Record<string, unknown>);
    static getServer(name: string, dir: string, options: Record<string, unknown>): EleventyDevServer;
    options: Record<string, unknown>;
    get server(): Server;
    _serverListen(port: number): void;
  }
}
