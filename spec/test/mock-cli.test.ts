import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGenerator, type OpenApiDocument } from "../src/generate.js";
import { type Started, startScript } from "./cli.js";
import { hasProc, processesWith, waitFor } from "./processes.js";

const bin = fileURLToPath(new URL("../bin/copernica-mock.js", import.meta.url));
const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)$/;

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

  it.runIf(hasProc)(
    "stops with exit code 1, and says why, when Prism exits on its own",
    async () => {
      const mock = await startScript(bin, ["--port", "0", "--quiet"], LISTENING);
      const prisms = processesWith("prism", mock.child.pid);
      expect(prisms).toHaveLength(1);
      process.kill(prisms[0] as number, "SIGKILL");
      expect(await mock.exited).toBe(1);
      expect(mock.output.join("\n")).toMatch(
        /copernica-mock: Prism, which answers behind the mock, exited \(SIGKILL\)/,
      );
    },
  );

  it.runIf(hasProc)("stops cleanly on Ctrl-C in a terminal while Prism is starting", async () => {
    // A terminal sends Ctrl-C to its foreground process group: here, a group of the command's own.
    const cli = spawn(process.execPath, [bin, "--port", "0"], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    for (const stream of [cli.stdout, cli.stderr]) stream.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => cli.once("exit", resolve));
    expect(await waitFor(() => processesWith("prism", cli.pid).length === 1, 30_000)).toBe(true);
    process.kill(-(cli.pid as number), "SIGINT");
    expect(await exited).toBe(0);
    expect(output).not.toMatch(/did not start/);
    expect(output).toMatch(/Stopping the mock/);
  });

  it.runIf(hasProc)(
    "stops at once on a second Ctrl-C while Prism is starting, Prism too",
    async () => {
      const cli = spawn(process.execPath, [bin, "--port", "0"], {
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      cli.stdout.on("data", (chunk) => (output += chunk));
      cli.stderr.resume();
      const exited = new Promise<number | null>((resolve) => cli.once("exit", resolve));
      expect(await waitFor(() => processesWith("prism", cli.pid).length === 1, 30_000)).toBe(true);
      const [prism] = processesWith("prism", cli.pid);
      process.kill(-(cli.pid as number), "SIGINT");
      // Only once the first is handled: two signals sent at once may arrive as one.
      expect(await waitFor(() => /Ctrl-C again/.test(output), 10_000)).toBe(true);
      process.kill(-(cli.pid as number), "SIGINT");
      expect(await exited).toBe(130);
      expect(await waitFor(() => !existsSync(`/proc/${prism}`), 10_000)).toBe(true);
    },
  );

  it("stops at a port in use with exit code 1 and one line, no usage text", async () => {
    const mock = await startScript(bin, ["--port", "0", "--quiet"], LISTENING);
    const port = new URL(mock.match[1] ?? "").port;
    const run = spawnSync(process.execPath, [bin, "--port", port], { encoding: "utf8" });
    mock.child.kill("SIGTERM");
    await mock.exited;
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(`copernica-mock: Port ${port} is in use`);
  });

  it("goes on answering when whoever reads its output stops reading (| head)", async () => {
    const mock = await startScript(bin, ["--port", "0"], LISTENING);
    // The log of a request now goes to a closed pipe.
    mock.child.stdout?.destroy();
    for (let request = 0; request < 3; request++) {
      expect((await fetch(`${mock.match[1]}${CLICKS}`)).status).toBe(200);
    }
    expect(mock.child.exitCode).toBeNull();
    mock.child.kill("SIGTERM");
    expect(await mock.exited).toBe(0);
  });

  it("reads an empty --host as unset: it listens on 127.0.0.1, not on every interface", async () => {
    const mock = await startScript(bin, ["--host", "", "--port", "0", "--quiet"], LISTENING);
    mock.child.kill("SIGTERM");
    expect(await mock.exited).toBe(0);
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
    [["--mode", "x"], /--mode must be one of examples, generated, got "x"/],
    [["--mode", "generated", "--seed", "abc"], /--seed must be an integer from 0 to 4294967295/],
    [["--mode", "generated", "--seed", "4294967296"], /--seed must be an integer from 0 to/],
    [["--mode", "generated", "--seed", "1.5"], /--seed must be an integer from 0 to/],
    [["--seed", "7"], /--seed applies to the generated data only: set --mode to generated/],
    [["--colour"], /Unknown option '--colour'/],
  ])("refuses %j with a message that says what to fix", (args, message) => {
    const run = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain("Usage: copernica-mock");
  });
});

it("refuses a bad MOCK_MODE, MOCK_SEED or PORT from the environment, naming the variable", () => {
  for (const [env, message] of [
    [{ MOCK_MODE: "random" }, /MOCK_MODE must be one of examples, generated, got "random"/],
    [{ MOCK_MODE: "generated", MOCK_SEED: "-3" }, /MOCK_SEED must be an integer/],
    [
      { MOCK_SEED: "5" },
      /MOCK_SEED applies to the generated data only: set MOCK_MODE to generated/,
    ],
    [{ PORT: "abc" }, /PORT must be a number from 0 to 65535, got "abc"/],
  ] as const) {
    const run = spawnSync(process.execPath, [bin], {
      encoding: "utf8",
      env: { ...process.env, ...env },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  }
});

const CLICKS = "/v3/ms/clicks?access_token=any";

describe.each([
  ["examples", []],
  // With a leading --, as `pnpm mock -- --mode generated` passes it.
  ["generated", ["--", "--mode", "generated", "--seed", "7"]],
])("copernica-mock in the %s mode answers each Prefer", (mode, args) => {
  let mock: Started;
  let url = "";
  beforeAll(async () => {
    const started = await startScript(bin, [...args, "--port", "0", "--quiet"], LISTENING);
    mock = started;
    url = started.match[1] ?? "";
  });
  afterAll(async () => {
    mock?.child.kill("SIGTERM");
    await mock?.exited;
  });
  const get = (path: string, prefer?: string) =>
    fetch(`${url}${path}`, prefer ? { headers: { Prefer: prefer } } : {});

  it("says which mode it runs in", () => {
    expect(mock.output.join("\n")).toMatch(
      mode === "generated" ? /Generated data, seed 7/ : /The examples from Copernica's pages/,
    );
  });

  it("example=empty: an empty page", async () => {
    const page = await get(CLICKS, "example=empty");
    expect(page.status).toBe(200);
    expect(await page.json()).toEqual({ start: 0, limit: 100, count: 0, total: 0, data: [] });
  });

  it("example=full: a page as long as its limit", async () => {
    for (const path of [CLICKS, "/v3/ms/impressions?access_token=any"]) {
      const body = (await (await get(path, "example=full")).json()) as {
        limit: number;
        count: number;
        total: number;
        data: unknown[];
      };
      expect(body).toMatchObject({ start: 0, limit: 10, count: 10 });
      expect(body.data).toHaveLength(10);
      expect(body.total).toBeGreaterThan(10);
    }
  });

  it("code=400: the documented error body, and example= picks its message", async () => {
    const error = await get(CLICKS, "code=400");
    expect(error.status).toBe(400);
    expect(await error.json()).toEqual({ error: { message: "Invalid data provided" } });
    const token = await get(CLICKS, "code=400, example=invalidAccessToken");
    expect(await token.json()).toEqual({ error: { message: "Invalid access token" } });
  });

  it.each([502, 503, 504])("code=%i: the load balancer's HTML page", async (status) => {
    const page = await get(CLICKS, `code=${status}`);
    expect(page.status).toBe(status);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain(`<title>${status} `);
  });

  it("lets a page on another origin send Prefer (CORS preflight)", async () => {
    const preflight = await fetch(`${url}${CLICKS}`, {
      method: "OPTIONS",
      headers: {
        Origin: "http://127.0.0.1:5173",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "prefer",
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get("access-control-allow-headers")).toMatch(/prefer/i);
    const page = await fetch(`${url}${CLICKS}`, { headers: { Origin: "http://127.0.0.1:5173" } });
    expect(page.headers.get("access-control-allow-origin")).toBeTruthy();
  });

  it("still refuses what the API refuses", async () => {
    expect((await get(`${CLICKS}&limit=1001`)).status).toBe(400);
    expect((await get("/v3/ms/clicks")).status).toBe(401);
  });

  it.runIf(mode === "generated")(
    "without Prefer: the seed's generated data, the same in another process",
    async () => {
      const document = JSON.parse(
        readFileSync(new URL("../dist/openapi.json", import.meta.url), "utf8"),
      ) as OpenApiDocument;
      const path = "/v3/ms/clicks";
      const search = "begintime=2024-05-01 00:00:00&endtime=2024-05-31 23:59:59&limit=20&start=20";
      const answer = await (await get(`${path}?access_token=any&${search}`)).json();
      expect(answer).toMatchObject({ start: 20, limit: 20, count: 20 });
      const params = new URLSearchParams(search);
      expect(answer).toEqual(createGenerator(document, 7).answer(path, params));
      expect(answer).not.toEqual(createGenerator(document, 8).answer(path, params));
      // code=200 alone still answers with generated data.
      expect(await (await get(`${path}?access_token=any&${search}`, "code=200")).json()).toEqual(
        answer,
      );
    },
  );
});
