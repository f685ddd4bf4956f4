import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { currentMajor, findNode, otherMajors, SUPPORTED_NODE_MAJORS } from "../index.mjs";

const cli = fileURLToPath(new URL("../cli.mjs", import.meta.url));
const runCli = (...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", timeout: 300_000 });

describe("findNode", () => {
  it("covers Node 20, 22 and 24, the running major by the running binary", () => {
    expect(SUPPORTED_NODE_MAJORS).toEqual([20, 22, 24]);
    expect(findNode(currentMajor)).toEqual({ path: process.execPath, version: process.version });
    expect(otherMajors()).not.toContain(currentMajor);
  });

  it.each(otherMajors())("finds a working Node %i", (major) => {
    const node = findNode(major);
    const ran = spawnSync(node.path, ["-p", "process.versions.node"], { encoding: "utf8" });
    expect(ran.stdout.trim()).toBe(node.version.slice(1));
    expect(ran.stdout.startsWith(`${major}.`)).toBe(true);
  });

  it("refuses a major that is not a number", () => {
    expect(() => findNode(Number.NaN)).toThrow(TypeError);
  });
});

describe("the node-matrix command", () => {
  it("runs the command on each major with that Node first on the PATH", () => {
    const majors = otherMajors();
    const ran = runCli("--majors", majors.join(","), "--", "node", "-p", "process.version");
    expect(ran.status, ran.stderr).toBe(0);
    for (const major of majors) expect(ran.stdout).toContain(findNode(major).version);
    expect(ran.stdout).toContain(`passed on Node ${majors.join(", ")}`);
  });

  it("fails, naming the runtime, when the command fails on one", () => {
    const [major = 22] = otherMajors();
    const ran = runCli("--majors", String(major), "--", "node", "-e", "process.exit(3)");
    expect(ran.status).toBe(1);
    expect(ran.stderr).toContain(`failed on Node ${findNode(major).version} (exit 3)`);
  });

  it("refuses a major this project does not support, and a missing command", () => {
    expect(runCli("--majors", "18", "--", "node", "-v").status).toBe(2);
    const none = runCli();
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("no command given");
  });
});
