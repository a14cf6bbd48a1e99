import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/**/src/**/*.test.ts", "apps/**/src/**/*.test.ts", "bench/**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    // Integration suites load databases and start servers in hooks; on a loaded 2-core CI
    // machine that can take well over vitest's 10 s default.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
