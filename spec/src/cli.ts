import { parseArgs } from "node:util";
import { type RunningMock, startMock } from "./mock.js";

const usage = `Usage: copernica-mock [--host 127.0.0.1] [--port 4010]

Starts a mock of Copernica's e-mail statistics API (Prism, serving the examples from
Copernica's documentation) and prints its URL once it is listening. Ctrl-C stops it.

  --host <address>  address to listen on (default: $HOST or 127.0.0.1)
  --port <number>   port to listen on, 0 for a free one (default: $PORT or 4010)
  --quiet           do not print a line per request
  --help            show this text`;

function fail(message: string): never {
  process.stderr.write(`copernica-mock: ${message}\n\n${usage}\n`);
  process.exit(2);
}

let values: { host?: string; port?: string; quiet?: boolean; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      host: { type: "string" },
      port: { type: "string" },
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

const portText = values.port ?? process.env.PORT ?? "4010";
const port = Number(portText);
if (!/^\d+$/.test(portText) || port > 65_535)
  fail(`--port must be a number from 0 to 65535, got "${portText}"`);
const host = values.host ?? process.env.HOST ?? "127.0.0.1";

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
    if (stopping) return;
    stopping = true;
    if (mock) void stop();
  });
}

mock = await startMock({
  host,
  port,
  onLog: values.quiet ? undefined : (line) => process.stdout.write(`${line}\n`),
}).catch((error: Error) => fail(error.message));
if (stopping) await stop();

process.stdout.write(`Mock Copernica API listening on ${mock.url}\n`);
process.stdout.write(`Try: curl '${mock.url}/v3/ms/clicks?access_token=any'\n`);
