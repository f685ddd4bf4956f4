import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Finding a Node that is not in npx's cache yet downloads it.
    testTimeout: 300_000,
  },
});
