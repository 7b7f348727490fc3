declare module "nunjucks" {
  export class FileSystemLoader {
    constructor(searchPaths: string[]);
  }
  export class Environment {
    constructor(loader: FileSystemLoader, options?: Record<string, unknown>);
    addFilter(name: string, filter: (value: never, ...args: never[]) => unknown): void;
  }
  export class Template {
    constructor(source: string, env: Environment, path: string, eagerCompile?: boolean);
    render(context: Record<string, unknown>): string;
  }
  const nunjucks: {
    Environment: typeof Environment;
    FileSystemLoader: typeof FileSystemLoader;
    Template: typeof Template;
  };
  export default nunjucks;
}
