#!/usr/bin/env node
// node-matrix: runs a command on every supported Node major but the running one (the running
// one is covered by the ordinary run), with that Node first on the PATH, so `node` and every
// `node_modules/.bin` shim resolve to it, and so do the workers they start.
//
//   node-matrix -- vitest run          run `vitest run` on Node 22 and 24 (when running on 20)
//   node-matrix --majors 22 -- cmd     run on the majors given
//   node-matrix --fetch                only fetch the binaries (a warm-up, so concurrent
//                                      runs find them in npx's cache)
import { spawnSync } from "node:child_process";
import { delimiter, dirname } from "node:path";
import { parseArgs } from "node:util";
import { currentMajor, findNode, otherMajors, SUPPORTED_NODE_MAJORS } from "./index.mjs";

const usage = `Usage: node-matrix [--majors 20,22,24] -- <command> [args...]
       node-matrix --fetch`;

const { values, positionals } = parseArgs({
  options: { majors: { type: "string" }, fetch: { type: "boolean" }, help: { type: "boolean" } },
  allowPositionals: true,
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const majors = values.majors ? values.majors.split(",").map(Number) : otherMajors();
for (const major of majors) {
  if (!SUPPORTED_NODE_MAJORS.includes(major)) {
    console.error(
      `node-matrix: Node ${major} is not supported (${SUPPORTED_NODE_MAJORS.join(", ")})`,
    );
    process.exit(2);
  }
}

if (values.fetch) {
  for (const major of majors) {
    const node = findNode(major);
    console.log(`node-matrix: Node ${major} is ${node.version} at ${node.path}`);
  }
  process.exit(0);
}

const [command, ...args] = positionals;
if (!command) {
  console.error(`node-matrix: no command given\n${usage}`);
  process.exit(2);
}

console.log(
  `node-matrix: running \`${positionals.join(" ")}\` on Node ${majors.join(", ")}` +
    ` (Node ${currentMajor}, the running one, is covered by the ordinary run)`,
);
const failed = [];
for (const major of majors) {
  const node = findNode(major);
  console.log(`\n── ${positionals.join(" ")} on Node ${node.version} ──`);
  const env = {
    ...process.env,
    PATH: `${dirname(node.path)}${delimiter}${process.env.PATH ?? ""}`,
    NODE_MATRIX_MAJOR: String(major),
  };
  // Whatever calls plain \`node\` (the .bin shims, scripts) must get this one.
  const onPath = spawnSync("node", ["--version"], { env, encoding: "utf8" }).stdout?.trim();
  if (onPath !== node.version) {
    failed.push(`Node ${node.version} (\`node\` on the PATH is ${onPath ?? "missing"})`);
    continue;
  }
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.error) {
    failed.push(`Node ${node.version} (${result.error.message})`);
  } else if (result.status !== 0) {
    failed.push(`Node ${node.version} (${result.signal ?? `exit ${result.status}`})`);
  }
}
if (failed.length > 0) {
  console.error(`\nnode-matrix: \`${positionals.join(" ")}\` failed on ${failed.join(", ")}`);
  process.exit(1);
}
console.log(`\nnode-matrix: \`${positionals.join(" ")}\` passed on Node ${majors.join(", ")}`);
