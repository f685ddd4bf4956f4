import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The quick run starts Prism and runs tsc: allow it time on a slow, shared machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
