/** The part of Eleventy's configuration API that Dateline uses (Eleventy ships no TypeScript types). */
export interface EleventyConfig {
  addGlobalData(name: string, value: unknown): void;
  addPlugin<T>(plugin: (config: EleventyConfig, options: T) => void, options: T): void;
  addFilter(name: string, filter: (value: never, ...args: never[]) => unknown): void;
  addWatchTarget(target: string): void;
  addTransform(
    name: string,
    transform: (this: { page: { outputPath: string } }, content: string) => string,
  ): void;
  setTemplateFormats(formats: string[]): void;
  /** Files Eleventy does not render (paths relative to the working folder). */
  ignores: Set<string>;
  setQuietMode(quiet: boolean): void;
  on(event: string, listener: (...args: never[]) => unknown): void;
  setServerOptions(options: Record<string, unknown>): void;
  /** Eleventy's own timing warnings ("[11ty] Benchmark …"); a threshold of 0 silences them in the CLI build. */
  benchmarks?: { config?: { setMinimumThresholdMs(ms: number): void } };
}
