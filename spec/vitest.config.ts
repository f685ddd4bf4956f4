import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    // The mock-cli suites start Prism in beforeAll; startScript bounds that wait at 60 s.
    hookTimeout: 90_000,
  },
});
