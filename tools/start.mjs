#!/usr/bin/env node
// Runs the main job from the command line: `npm start` (which sets up and builds first) or
// `pnpm start`.
//   PORT       port of the mock server (default 4010)
//   DOCS_PORT  port of the API reference (default 4020)
//   HOST       address both listen on (default 127.0.0.1)
//   MOCK_MODE  what the mock answers with: examples (default) or generated
//   MOCK_SEED  seed of the generated data (default 1; generated mode only)
import { parseMockSettings } from "@copernica-openapi/spec/mock";
import { startMainJob } from "./main-job.mjs";

function portFrom(variable, fallback) {
  // An empty variable counts as unset, as copernica-mock reads it.
  const text = process.env[variable] || String(fallback);
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) {
    console.error(`${variable} must be a port number from 0 to 65535, got "${text}"`);
    process.exit(2);
  }
  return port;
}

const host = process.env.HOST || "127.0.0.1";
const mockPort = portFrom("PORT", 4010);
const docsPort = portFrom("DOCS_PORT", 4020);
let settings;
try {
  settings = parseMockSettings(
    { mode: process.env.MOCK_MODE, seed: process.env.MOCK_SEED },
    { mode: "MOCK_MODE", seed: "MOCK_SEED" },
  );
} catch (error) {
  console.error(error.message);
  process.exit(2);
}

// Handlers go in before anything is printed; a signal during start-up is handled after it.
let job;
let stopping = false;
const stop = async () => {
  await job?.close();
  process.exit(0);
};
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    if (job) void stop();
  });
}

job = await startMainJob({
  host,
  mockPort,
  docsPort,
  ...settings,
  onLog: (line) => console.log(`[mock] ${line}`),
}).catch((error) => {
  console.error(error.message);
  process.exit(1);
});
if (stopping) await stop();

console.log(`
  Mock Copernica API   ${job.mockUrl}
                       ${job.mockMode === "generated" ? `generated data, seed ${job.mockSeed}` : "the examples from Copernica's pages (MOCK_MODE=generated for generated data)"}
                       try: curl '${job.mockUrl}/v3/ms/clicks?access_token=any'
  API reference        ${job.docsUrl}
                       bundled spec: ${job.docsUrl}/openapi.json and ${job.docsUrl}/openapi.yaml

  Ctrl-C stops both.
`);
