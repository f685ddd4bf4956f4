import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { consumerProgram, loadSpec, operationsOf } from "./consumer.js";
import { type CompareOptions, type Comparison, compare } from "./harness.js";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

export interface TypecheckResults {
  operations: number;
  /** Lines of each consumer program. */
  lines: number;
  time: Comparison;
}

/** A consumer's tsconfig: what `tsc --init` sets that matters here, strict and skipLibCheck. */
const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2023", "DOM"],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  },
  include: ["index.ts"],
};

function project(root: string, name: string, source: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  writeFileSync(join(dir, "index.ts"), source);
  return dir;
}

/**
 * `tsc --noEmit` of a consumer program that calls every operation of the spec (generated from
 * spec/dist/openapi.json now, so it cannot drift), against the same program with the client
 * typed `any`. Each run is a fresh tsc process; the runs alternate.
 */
export async function benchTypecheck(options: CompareOptions): Promise<TypecheckResults> {
  const operations = operationsOf(loadSpec());
  const root = mkdtempSync(join(tmpdir(), "copernica-typecheck-"));
  try {
    // The consumer installs the client: node_modules/@copernica-openapi/client -> the package.
    const clientDir = dirname(require.resolve("@copernica-openapi/client/package.json"));
    mkdirSync(join(root, "node_modules", "@copernica-openapi"), { recursive: true });
    symlinkSync(clientDir, join(root, "node_modules", "@copernica-openapi", "client"), "dir");
    const typed = consumerProgram(operations, true);
    const dirs = {
      any: project(root, "any", consumerProgram(operations, false)),
      typed: project(root, "typed", typed),
    };
    const tsc = fileURLToPath(new URL("../bin/tsc", import.meta.resolve("typescript")));
    const check = async (dir: string) => {
      const { stdout } = await run(
        process.execPath,
        [tsc, "--project", join(dir, "tsconfig.json")],
        {
          timeout: 300_000,
        },
      ).catch((error: { stdout?: string; message: string }) => {
        throw new Error(
          `tsc failed on the ${dir} consumer program:\n${error.stdout ?? error.message}`,
        );
      });
      return stdout;
    };
    const time = await compare(
      [
        { name: "client typed any", run: () => check(dirs.any) },
        { name: "typed client", run: () => check(dirs.typed) },
      ],
      options,
    );
    return { operations: operations.length, lines: typed.split("\n").length, time };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
