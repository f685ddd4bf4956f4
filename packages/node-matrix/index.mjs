// The Node majors this project supports, and where to find a binary of each. A major that is
// not the running Node comes from the npm registry through `npx --yes node@<major>` (the
// `node` package installs the official binary into npx's cache); nothing is installed
// globally and nothing is downloaded twice.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { isAbsolute } from "node:path";

/** Every Node major the published packages support (package.json#engines is ">=20.19"). */
export const SUPPORTED_NODE_MAJORS = Object.freeze([20, 22, 24]);

export const currentMajor = Number(process.versions.node.split(".")[0]);

const found = new Map();

/**
 * The path of a Node binary of `major`: the running one when it is that major, otherwise the
 * one npx installs from the `node` package on the npm registry.
 * @param {number} major
 * @returns {{ path: string, version: string }}
 */
export function findNode(major) {
  if (!Number.isInteger(major)) throw new TypeError(`major must be an integer, got ${major}`);
  if (major === currentMajor) return { path: process.execPath, version: process.version };
  const cached = found.get(major);
  if (cached) return cached;

  const result = spawnSync(
    "npx",
    ["--yes", `node@${major}`, "-p", "process.version + ' ' + process.execPath"],
    {
      encoding: "utf8",
      env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false" },
      // A cold npx cache downloads the binary (about 30 MB): allow minutes, not forever.
      timeout: 300_000,
    },
  );
  const last = result.stdout?.trim().split("\n").at(-1) ?? "";
  const [version = "", path = ""] = last.split(" ");
  if (
    result.status !== 0 ||
    !version.startsWith(`v${major}.`) ||
    !isAbsolute(path) ||
    !existsSync(path)
  ) {
    throw new Error(
      `Could not get Node ${major} with \`npx --yes node@${major}\` (exit ${result.status ?? result.signal ?? result.error?.message}).\n` +
        "It comes from the npm registry: check that the registry is reachable.\n" +
        `${result.stderr ?? ""}`.trim(),
    );
  }
  const node = { path, version };
  found.set(major, node);
  return node;
}

/**
 * The supported majors other than the running one: the rest of the matrix.
 * @returns {number[]}
 */
export function otherMajors() {
  return SUPPORTED_NODE_MAJORS.filter((major) => major !== currentMajor);
}
