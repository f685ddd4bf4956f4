import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // npm installs from the registry (a cold cache downloads Prism and TypeScript), and a Node
    // that is not in npx's cache yet is downloaded too: bounded, but in minutes.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
