import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Commands the tests run keep their content cache here, not in the checkout's .cache/dateline/.
    env: { DATELINE_CACHE_DIR: fileURLToPath(new URL("tests/.output/cache/", import.meta.url)) },
  },
});
