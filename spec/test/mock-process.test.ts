import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { type MockMode, startMock } from "../src/mock.js";
import { hasProc, processesWith, waitFor } from "./processes.js";

const CLICKS = "/v3/ms/clicks?access_token=any";
// What the build bundles: the module under test is the source, next to no description.
const bundled = fileURLToPath(new URL("../dist/openapi.yaml", import.meta.url));
/** The status of a GET sent by node:http, which sends any header and request target as given. */
function rawGet(
  base: string,
  target: string,
  headers: Record<string, string> = {},
): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const sent = request({ host: hostname, port, path: target, headers }, (response) => {
      response.resume();
      response.once("end", () => resolve(response.statusCode ?? 0));
    });
    sent.once("error", reject);
    sent.end();
  });
}

// A copy of the bundled description in a folder of its own, so that its path names this test's
// Prism and no other.
const folder = mkdtempSync(join(tmpdir(), "copernica-mock-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
function ownSpec(name: string): string {
  const spec = join(folder, `${name}.yaml`);
  copyFileSync(bundled, spec);
  copyFileSync(bundled.replace(/\.yaml$/, ".json"), spec.replace(/\.yaml$/, ".json"));
  return spec;
}

describe.each(["examples", "generated"] as MockMode[])("the mock in the %s mode", (mode) => {
  it("refuses a path with a malformed percent escape and goes on answering", async () => {
    const mock = await startMock({ port: 0, mode, spec: bundled });
    try {
      const refused = await fetch(`${mock.url}/v3/ms/emailing/%E0%A4%A/clicks?access_token=any`);
      expect(refused.status).toBe(400);
      expect(refused.headers.get("access-control-allow-origin")).toBe("*");
      expect(await refused.json()).toEqual({ error: { message: "Invalid data provided" } });
      expect((await fetch(`${mock.url}${CLICKS}`)).status).toBe(200);
    } finally {
      await mock.close();
    }
  });

  it("reaches Prism whatever the process has done to fetch (a stub, a MockAgent, a proxy)", async () => {
    const mock = await startMock({ port: 0, mode, spec: bundled });
    const { fetch } = globalThis;
    globalThis.fetch = () => Promise.reject(new Error("the process's own fetch was used"));
    try {
      expect(await rawGet(mock.url, CLICKS)).toBe(200);
    } finally {
      globalThis.fetch = fetch;
      await mock.close();
    }
  });

  it("answers, and goes on answering, whatever a request's headers and target hold", async () => {
    const mock = await startMock({ port: 0, mode, spec: bundled });
    try {
      // Headers Prism parses and stops on when malformed, and headers only a connection has.
      for (const headers of [
        { Accept: "*" },
        { Accept: "application/json;q=" },
        { "Content-Type": "x" },
        { Expect: "100-continue" },
        { Connection: "Upgrade", Upgrade: "h2c", "HTTP2-Settings": "AAMAAABkAARAAAAAAAIAAAAA" },
      ]) {
        expect(await rawGet(mock.url, CLICKS, headers), JSON.stringify(headers)).toBe(200);
      }
      // The request target a client sends to a proxy.
      expect(await rawGet(mock.url, `http://api.copernica.com${CLICKS}`)).toBe(200);
      expect((await fetch(`${mock.url}${CLICKS}`)).status).toBe(200);
    } finally {
      await mock.close();
    }
  });

  it.runIf(hasProc)(
    "says so, and answers 500 with the reason, when Prism exits on its own",
    async () => {
      const spec = ownSpec(`exits-${mode}`);
      let report!: (error: Error) => void;
      const reported = new Promise<Error>((resolve) => {
        report = resolve;
      });
      const mock = await startMock({ port: 0, mode, spec, onFailure: (error) => report(error) });
      try {
        expect((await fetch(`${mock.url}${CLICKS}`)).status).toBe(200);
        const prisms = processesWith(spec);
        expect(prisms).toHaveLength(1);
        process.kill(prisms[0] as number, "SIGKILL");
        expect((await reported).message).toMatch(/exited \(SIGKILL\); restart the mock/);
        const answer = await fetch(`${mock.url}${CLICKS}`);
        // Not a 502, which clients retry: nothing helps but starting the mock again.
        expect(answer.status).toBe(500);
        expect(answer.headers.get("access-control-allow-origin")).toBe("*");
        expect(await answer.text()).toMatch(/Prism, which answers behind the mock, exited/);
      } finally {
        await mock.close();
      }
    },
  );
});

describe.runIf(hasProc)("Prism's process", () => {
  it("ends with the process that started the mock, even when that one never closes it", async () => {
    const spec = ownSpec("orphan");
    const mockModule = fileURLToPath(new URL("../dist/mock.js", import.meta.url));
    const script = `import { startMock } from ${JSON.stringify(mockModule)};
      await startMock({ port: 0, spec: ${JSON.stringify(spec)} });
      process.stdout.write("started\\n");
      process.exit(0);`;
    const child = spawn(process.execPath, ["--input-type=module", "--eval", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    await new Promise((resolve) => child.once("exit", resolve));
    expect(output).toBe("started\n");
    // Prism notices that the pipe has closed as soon as the kernel closes it.
    expect(await waitFor(() => processesWith(spec).length === 0, 10_000)).toBe(true);
  });
});

describe("the mock's port", () => {
  const occupy = async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return server;
  };

  it("is found in use before Prism is started", async () => {
    const server = await occupy();
    const { port } = server.address() as AddressInfo;
    try {
      // Prism cannot start within 1 ms: had it been started first, that would be the error.
      await expect(
        startMock({ port, spec: ownSpec("in-use"), startupTimeoutMs: 1 }),
      ).rejects.toThrow(`Port ${port} is in use`);
    } finally {
      server.close();
    }
  });

  it("answers 503 with Retry-After while Prism is starting, then the API", async () => {
    const server = await occupy();
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    let started = false;
    const starting = startMock({ port, spec: bundled }).finally(() => {
      started = true;
    });
    try {
      let early: Response | undefined;
      // Until the front listens (it does so before Prism is even spawned), or Prism is up.
      for (let attempt = 0; !early && !started && attempt < 200; attempt++) {
        early = await fetch(`http://127.0.0.1:${port}${CLICKS}`).catch(() => undefined);
      }
      expect(early?.status).toBe(503);
      expect(early?.headers.get("retry-after")).toBe("1");
      expect(await early?.text()).toContain("The mock is starting");
    } finally {
      const mock = await starting;
      expect((await fetch(`${mock.url}${CLICKS}`)).status).toBe(200);
      await mock.close();
    }
  });
});
