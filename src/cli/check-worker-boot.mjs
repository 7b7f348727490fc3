// The check worker's entry under tsx and in tests: registers tsx's loader in this thread, then loads the
// TypeScript worker. The compiled CLI starts check-worker.js directly.
import { register } from "tsx/esm/api";

register();
await import("./check-worker.ts");
