import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One Prism for the whole run, started from the bundled spec on a free port.
    globalSetup: ["./src/global-setup.ts"],
    testTimeout: 20_000,
  },
});
