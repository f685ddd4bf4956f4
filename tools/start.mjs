#!/usr/bin/env node
// The main job: the mock Copernica API (Prism) and the rendered API reference, each on a
// local port. Run it through `npm start` (which sets up and builds first) or `pnpm start`.
//   PORT       port of the mock server (default 4010)
//   DOCS_PORT  port of the API reference (default 4020)
//   HOST       address both listen on (default 127.0.0.1)
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { startMock } from "@copernica-openapi/spec/mock";

const host = process.env.HOST ?? "127.0.0.1";
const mockPort = portFrom("PORT", 4010);
const docsPort = portFrom("DOCS_PORT", 4020);

function portFrom(variable, fallback) {
  const text = process.env[variable] ?? String(fallback);
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) {
    console.error(`${variable} must be a port number from 0 to 65535, got "${text}"`);
    process.exit(2);
  }
  return port;
}

// The files the spec package builds: the reference and the bundled description.
const specDist = dirname(
  createRequire(import.meta.url).resolve("@copernica-openapi/spec/openapi.json"),
);
const files = {
  "/": ["index.html", "text/html; charset=utf-8"],
  "/index.html": ["index.html", "text/html; charset=utf-8"],
  "/openapi.json": ["openapi.json", "application/json"],
  "/openapi.yaml": ["openapi.yaml", "application/yaml"],
};

const docs = createServer(async (req, res) => {
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
  docs.once("error", (error) =>
    reject(
      error.code === "EADDRINUSE"
        ? new Error(`DOCS_PORT ${docsPort} is in use; set DOCS_PORT to another port`)
        : error,
    ),
  );
  docs.listen(docsPort, host, resolve);
}).catch((error) => {
  console.error(error.message);
  process.exit(1);
});
const docsUrl = `http://${host}:${docs.address().port}`;

const mock = await startMock({
  host,
  port: mockPort,
  onLog: (line) => console.log(`[mock] ${line}`),
}).catch((error) => {
  console.error(`${error.message}\n(Is port ${mockPort} in use? Set PORT to another port.)`);
  docs.close();
  process.exit(1);
});

console.log(`
  Mock Copernica API   ${mock.url}
                       try: curl '${mock.url}/v3/ms/clicks?access_token=any'
  API reference        ${docsUrl}
                       bundled spec: ${docsUrl}/openapi.json and ${docsUrl}/openapi.yaml

  Ctrl-C stops both.
`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    docs.closeAllConnections();
    await Promise.all([mock.close(), new Promise((resolve) => docs.close(resolve))]);
    process.exit(0);
  });
}
