import { parseArgs } from "node:util";
import { DEFAULT_SEED, parseMockSettings, type RunningMock, startMock } from "./mock.js";

const usage = `Usage: copernica-mock [--mode examples|generated] [--seed <n>] [--host 127.0.0.1] [--port 4010]

Starts a mock of Copernica's e-mail statistics API (Prism with the bundled description) and
prints its URL once it is listening. Ctrl-C stops it.

  --mode <mode>     examples: the examples from Copernica's pages, the same every time;
                    generated: realistic data, the same for the same seed and request, with
                    paging and begintime/endtime (default: $MOCK_MODE or examples)
  --seed <n>        seed of the generated data, an integer from 0 to 4294967295
                    (default: $MOCK_SEED or ${DEFAULT_SEED}; generated mode only)
  --host <address>  address to listen on (default: $HOST or 127.0.0.1)
  --port <number>   port to listen on, 0 for a free one (default: $PORT or 4010)
  --quiet           do not print Prism's log of each request
  --help            show this text

In both modes the Prefer header picks a documented answer, for example
  Prefer: example=empty      an empty page        Prefer: example=full   a full page
  Prefer: code=400           the 400 error body   Prefer: code=503       the load balancer's HTML`;

function fail(message: string): never {
  process.stderr.write(`copernica-mock: ${message}\n\n${usage}\n`);
  process.exit(2);
}

let values: {
  host?: string;
  port?: string;
  mode?: string;
  seed?: string;
  quiet?: boolean;
  help?: boolean;
};
try {
  // `pnpm mock -- --mode generated` passes the `--` on: skip one in front.
  const args = process.argv.slice(2);
  if (args[0] === "--") args.shift();
  ({ values } = parseArgs({
    args,
    options: {
      host: { type: "string" },
      port: { type: "string" },
      mode: { type: "string" },
      seed: { type: "string" },
      quiet: { type: "boolean" },
      help: { type: "boolean" },
    },
    strict: true,
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}

// A flag wins over its environment variable; an empty variable counts as unset. A message
// names the setting as it was given.
const setting = (flag: string, variable: string) => {
  const given = values[flag as "port"];
  return given === undefined
    ? { text: process.env[variable] || undefined, name: variable }
    : { text: given, name: `--${flag}` };
};
const portSetting = setting("port", "PORT");
const portText = portSetting.text ?? "4010";
const port = Number(portText);
if (!/^\d+$/.test(portText) || port > 65_535)
  fail(`${portSetting.name} must be a number from 0 to 65535, got "${portText}"`);
const host = setting("host", "HOST").text || "127.0.0.1";

let settings: ReturnType<typeof parseMockSettings>;
try {
  const mode = setting("mode", "MOCK_MODE");
  const seed = setting("seed", "MOCK_SEED");
  // With no mode given, a seed's message points to the mode where the seed was given.
  const modeName = mode.text !== undefined || seed.name === "MOCK_SEED" ? mode.name : "--mode";
  settings = parseMockSettings(
    { mode: mode.text, seed: seed.text },
    { mode: modeName, seed: seed.name },
  );
} catch (error) {
  fail((error as Error).message);
}
const { mode, seed } = settings;

// Handlers go in before anything is printed: whoever reads the URL may stop us at once.
// A signal while Prism is still starting is handled once it has started.
let mock: RunningMock | undefined;
let stopping = false;
const stop = async () => {
  process.stdout.write("Stopping the mock...\n");
  await mock?.close();
  process.exit(0);
};
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    // A second Ctrl-C stops at once: Prism ends with this process (see startMock).
    if (stopping) process.exit(130);
    stopping = true;
    if (mock) void stop();
    else process.stdout.write("Stopping the mock once Prism has started (Ctrl-C again: now)...\n");
  });
}

// A reader that stops reading (`| head`) closes stdout: the mock goes on, without its log.
let logging = !values.quiet;
process.stdout.on("error", () => {
  logging = false;
});

mock = await startMock({
  host,
  port,
  mode,
  seed,
  onLog: (line) => {
    if (logging) process.stdout.write(`${line}\n`);
  },
  // Prism gone: nothing can be answered any more, so stop, and say why.
  onFailure: (error) => {
    process.stderr.write(`copernica-mock: ${error.message}\n`);
    void (mock?.close() ?? Promise.resolve()).finally(() => process.exit(1));
  },
}).catch((error: Error) => {
  // Not a usage error (a port in use, Prism not starting): no usage text.
  process.stderr.write(`copernica-mock: ${error.message}\n`);
  process.exit(1);
});
if (stopping) await stop();

process.stdout.write(
  mock.mode === "generated"
    ? `Generated data, seed ${mock.seed} (the same seed gives the same answers)\n`
    : "The examples from Copernica's pages (--mode generated for realistic data)\n",
);
process.stdout.write(`Mock Copernica API listening on ${mock.url}\n`);
process.stdout.write(`Try: curl '${mock.url}/v3/ms/clicks?access_token=any'\n`);
