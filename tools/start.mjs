#!/usr/bin/env node
// Runs the main job from the command line: `npm start` (which sets up and builds first) or
// `pnpm start`.
//   PORT       port of the mock server (default 4010)
//   DOCS_PORT  port of the API reference (default 4020)
//   HOST       address both listen on (default 127.0.0.1)
//   MOCK_MODE  what the mock answers with: examples (default) or generated
//   MOCK_SEED  seed of the generated data (default 1; generated mode only)
import { startMainJob } from "./main-job.mjs";

function portFrom(variable, fallback) {
  const text = process.env[variable] ?? String(fallback);
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) {
    console.error(`${variable} must be a port number from 0 to 65535, got "${text}"`);
    process.exit(2);
  }
  return port;
}

const host = process.env.HOST ?? "127.0.0.1";
const mockPort = portFrom("PORT", 4010);
const docsPort = portFrom("DOCS_PORT", 4020);
const mode = process.env.MOCK_MODE || "examples";
if (!["examples", "generated"].includes(mode)) {
  console.error(`MOCK_MODE must be examples or generated, got "${mode}"`);
  process.exit(2);
}
const seedText = process.env.MOCK_SEED || undefined;
if (seedText !== undefined && (!/^\d+$/.test(seedText) || Number(seedText) > 0xffffffff)) {
  console.error(`MOCK_SEED must be an integer from 0 to 4294967295, got "${seedText}"`);
  process.exit(2);
}
if (seedText !== undefined && mode !== "generated") {
  console.error("MOCK_SEED applies to the generated data only: set MOCK_MODE=generated too");
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
  mode,
  seed: seedText === undefined ? undefined : Number(seedText),
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
