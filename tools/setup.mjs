#!/usr/bin/env node
// Sets up a fresh clone with nothing but Node and npm: installs the workspace with the pnpm
// version pinned in package.json#packageManager. pnpm is also a devDependency of the root, so
// after the first install it is on the PATH of every npm/pnpm script (turbo runs the package
// scripts with it). Nothing is installed globally.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { packageManager } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const [name, version] = packageManager.split("@");
if (name !== "pnpm" || !version)
  throw new Error(`package.json#packageManager must be pnpm@<version>, got ${packageManager}`);

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(
    `This repository needs Node 20.19 or newer; this is Node ${process.versions.node}.`,
  );
  process.exit(1);
}

const localPnpm = join(root, "node_modules", ".bin", "pnpm");
const installedVersion = existsSync(localPnpm)
  ? spawnSync(localPnpm, ["--version"], { encoding: "utf8" }).stdout?.trim()
  : undefined;
const [command, args] =
  installedVersion === version ? [localPnpm, []] : ["npx", ["--yes", `pnpm@${version}`]];

const install = spawnSync(command, [...args, "install", "--frozen-lockfile"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, npm_config_update_notifier: "false" },
});
if (install.status !== 0) {
  console.error(
    `\nInstalling the workspace with pnpm ${version} failed (exit code ${install.status}).`,
  );
  process.exit(install.status ?? 1);
}
