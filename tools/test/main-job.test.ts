import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMainJob } from "../main-job.mjs";

describe("the main job", () => {
  let job: Awaited<ReturnType<typeof startMainJob>>;
  beforeAll(async () => {
    job = await startMainJob({ host: "127.0.0.1", mockPort: 0, docsPort: 0 });
  });
  afterAll(() => job?.close());

  it("serves the rendered reference and the bundled description", async () => {
    const page = await fetch(`${job.docsUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("<title>Copernica e-mail statistics API</title>");

    const json = await fetch(`${job.docsUrl}/openapi.json`);
    expect(await json.json()).toMatchObject({ openapi: "3.1.0" });
    expect((await fetch(`${job.docsUrl}/openapi.yaml`)).status).toBe(200);
    expect((await fetch(`${job.docsUrl}/../package.json`)).status).toBe(404);
  });

  it("runs the mock API beside it", async () => {
    const page = await fetch(
      `${job.mockUrl}/v3/publisher/destination/822758/impressions?access_token=any`,
    );
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ data: [{ ID: "44807", destination: "822758" }] });
  });

  it("says which port is taken when the reference cannot listen", async () => {
    const port = Number(new URL(job.docsUrl).port);
    await expect(startMainJob({ host: "127.0.0.1", mockPort: 0, docsPort: port })).rejects.toThrow(
      `Port ${port} is in use; set DOCS_PORT to another port`,
    );
  });
});

describe("the main job's mock options", () => {
  // The mock checks mode and seed before it starts Prism, so these cost no Prism start; the
  // generated mode itself is tested through copernica-mock in spec/test/mock-cli.test.ts.
  it("passes the mode and the seed on to the mock", async () => {
    await expect(
      startMainJob({ host: "127.0.0.1", mockPort: 0, docsPort: 0, mode: "generated", seed: -1 }),
    ).rejects.toThrow("seed must be an integer from 0 to 4294967295, got -1");
    await expect(
      startMainJob({ host: "127.0.0.1", mockPort: 0, docsPort: 0, mode: "examples", seed: 3 }),
    ).rejects.toThrow("seed applies to the generated data only: set mode to generated");
  });
});

describe("npm start (tools/start.mjs)", () => {
  const start = fileURLToPath(new URL("../start.mjs", import.meta.url));
  it.each([
    [{ MOCK_MODE: "random" }, 'MOCK_MODE must be one of examples, generated, got "random"'],
    [
      { MOCK_MODE: "generated", MOCK_SEED: "x" },
      'MOCK_SEED must be an integer from 0 to 4294967295, got "x"',
    ],
    [
      { MOCK_SEED: "7" },
      "MOCK_SEED applies to the generated data only: set MOCK_MODE to generated",
    ],
  ])("refuses %j before starting anything, saying what to fix", (env, message) => {
    const run = spawnSync(process.execPath, [start], {
      encoding: "utf8",
      env: { ...process.env, PORT: "0", DOCS_PORT: "0", ...env },
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(message);
  });

  it("reads an empty HOST as unset: both listen on 127.0.0.1, not on every interface", async () => {
    const child = spawn(process.execPath, [start], {
      env: { ...process.env, HOST: "", PORT: "0", DOCS_PORT: "0" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const urls: string[] = [];
    try {
      for await (const line of createInterface({ input: child.stdout })) {
        const url = /^\s+(?:Mock Copernica API|API reference)\s+(http\S+)/.exec(line)?.[1];
        if (url) urls.push(url);
        if (urls.length === 2) break;
      }
    } finally {
      child.kill("SIGTERM");
      await exited;
    }
    expect(urls).toHaveLength(2);
    for (const url of urls) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
