// The render worker's entry under tsx and in tests: registers tsx's loader in this thread, then loads the
// TypeScript worker. The compiled CLI starts render-worker.js directly.
import { register } from "tsx/esm/api";

register();
await import("./render-worker.ts");
