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

declare module "@11ty/eleventy-img" {
  /** Processes one image into the given widths and formats (only the options Dateline passes are typed). */
  export default function Image(
    src: string,
    options: {
      widths: number[];
      formats: string[];
      outputDir: string;
      urlPath: string;
      useCache?: boolean;
      filenameFormat?: (id: string, src: string, width: number, format: string) => string;
      sharpJpegOptions?: Record<string, unknown>;
      sharpWebpOptions?: Record<string, unknown>;
      sharpAvifOptions?: Record<string, unknown>;
    },
  ): Promise<Record<string, { filename: string; width: number; height: number; size: number }[]>>;
}
