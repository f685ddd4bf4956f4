// The main job: the mock Copernica API (Prism) and the rendered API reference, each on a
// local port. tools/start.mjs runs it from the command line.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { startMock } from "@copernica-openapi/spec/mock";

// What the spec package builds: the reference and the bundled description.
const specDist = dirname(
  createRequire(import.meta.url).resolve("@copernica-openapi/spec/openapi.json"),
);
const files = {
  "/": ["index.html", "text/html; charset=utf-8"],
  "/index.html": ["index.html", "text/html; charset=utf-8"],
  "/openapi.json": ["openapi.json", "application/json"],
  "/openapi.yaml": ["openapi.yaml", "application/yaml"],
};

/**
 * Serves the rendered reference and the bundled description.
 * @param {{ host: string, port: number }} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startDocsServer({ host, port }) {
  const server = createServer(async (req, res) => {
    const file = files[new URL(req.url ?? "/", "http://docs.invalid").pathname];
    if (!file || (req.method !== "GET" && req.method !== "HEAD")) {
      res
        .writeHead(404, { "content-type": "text/plain" })
        .end("Not found: try / for the API reference\n");
      return;
    }
    const body = await readFile(join(specDist, file[0]));
    res.writeHead(200, {
      "content-type": file[1],
      "content-length": body.length,
      "cache-control": "no-cache",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  });
  await new Promise((resolve, reject) => {
    server.once("error", (error) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`Port ${port} is in use; set DOCS_PORT to another port`)
          : error,
      ),
    );
    server.listen(port, host, resolve);
  });
  return {
    url: `http://${host}:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Starts the mock API and the reference; `close()` stops both.
 * @param {{ host: string, mockPort: number, docsPort: number, mode?: "examples" | "generated", seed?: number, onLog?: (line: string) => void }} options
 */
export async function startMainJob({ host, mockPort, docsPort, mode, seed, onLog }) {
  const docs = await startDocsServer({ host, port: docsPort });
  let mock;
  try {
    mock = await startMock({ host, port: mockPort, mode, seed, onLog });
  } catch (error) {
    await docs.close();
    // A bad mode or seed says so itself; anything else is most likely a taken port.
    if (error instanceof RangeError) throw error;
    throw new Error(`${error.message}\n(Is port ${mockPort} in use? Set PORT to another port.)`);
  }
  return {
    mockUrl: mock.url,
    mockMode: mock.mode,
    mockSeed: mock.seed,
    docsUrl: docs.url,
    close: () => Promise.all([mock.close(), docs.close()]).then(() => undefined),
  };
}
