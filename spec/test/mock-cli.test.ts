import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startScript } from "./cli.js";

const bin = fileURLToPath(new URL("../bin/copernica-mock.js", import.meta.url));

describe("copernica-mock", () => {
  it("prints its URL once Prism listens, answers with the documented examples, and stops on Ctrl-C", async () => {
    const mock = await startScript(
      bin,
      ["--port", "0"],
      /listening on (http:\/\/127\.0\.0\.1:\d+)$/,
    );
    const url = mock.match[1];

    const page = await fetch(`${url}/v3/ms/clicks?access_token=any`);
    expect(page.status).toBe(200);
    expect(page.headers.get("access-control-allow-origin")).toBe("*");
    expect(await page.json()).toMatchObject({ count: 1, data: [{ ID: "1", mailing: "2" }] });
    const refused = await fetch(`${url}/v3/ms/clicks?access_token=any&limit=1001`);
    expect(refused.status).toBe(400);

    mock.child.kill("SIGINT");
    expect(await mock.exited).toBe(0);
    await expect(fetch(`${url}/v3/ms/clicks?access_token=any`)).rejects.toThrow();
  });

  it("takes its port from PORT", async () => {
    const mock = await startScript(bin, ["--quiet"], /listening on (http:\/\/\S+)$/, { PORT: "0" });
    expect(mock.match[1]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    mock.child.kill("SIGTERM");
    expect(await mock.exited).toBe(0);
  });

  it.each([
    [["--port", "http"], /--port must be a number from 0 to 65535, got "http"/],
    [["--port", "70000"], /--port must be a number from 0 to 65535/],
    [["--mode", "x"], /Unknown option '--mode'/],
  ])("refuses %j with a message that says what to fix", (args, message) => {
    const run = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain("Usage: copernica-mock");
  });
});
