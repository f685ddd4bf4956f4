import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The paging test checks that items already handed out can be garbage-collected.
    execArgv: ["--expose-gc"],
    // Type tests: vitest runs tsc over them. A failed expectTypeOf fails the run, and so does
    // an expected type error that does not happen.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
