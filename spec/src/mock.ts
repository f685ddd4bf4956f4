import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** The bundled description that this package ships, next to this module. */
export const bundledSpecPath: string = fileURLToPath(new URL("./openapi.yaml", import.meta.url));

export interface MockOptions {
  /** The address to listen on. Default `127.0.0.1`. */
  host?: string | undefined;
  /** The port to listen on; `0` picks a free one. Default `4010`. */
  port?: number | undefined;
  /** The OpenAPI file to serve. Default: the bundled description of this package. */
  spec?: string | undefined;
  /** Receives every line Prism prints once it is listening (one per request it answers). */
  onLog?: ((line: string) => void) | undefined;
  /** How long to wait for Prism to start listening. Default 60 seconds. */
  startupTimeoutMs?: number | undefined;
}

export interface RunningMock {
  /** Where the mock listens, for example `http://127.0.0.1:4010`. */
  url: string;
  /** Stops Prism and resolves once it has exited. */
  close(): Promise<void>;
}

const LISTENING = /Prism is listening on (http:\/\/\S+)/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: strips the colour codes Prism may print
const ANSI = /\u001b\[[0-9;]*m/g;
const require = createRequire(import.meta.url);

function prismEntry(): string {
  const manifestPath = require.resolve("@stoplight/prism-cli/package.json");
  const manifest = require(manifestPath) as { bin: { prism: string } };
  return join(dirname(manifestPath), manifest.bin.prism);
}

/**
 * Starts Prism as a mock of Copernica's API and resolves once Prism says it is listening
 * (never after a fixed wait). Prism answers documented requests with the documented
 * examples, validates every request against the description, and sends CORS headers.
 */
export function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const {
    host = "127.0.0.1",
    port = 4010,
    spec = bundledSpecPath,
    onLog,
    startupTimeoutMs = 60_000,
  } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    return Promise.reject(new RangeError(`port must be an integer from 0 to 65535, got ${port}`));
  }
  if (!existsSync(spec)) {
    return Promise.reject(
      new Error(`No OpenAPI description at ${spec}. In the repository, run \`pnpm build\` first.`),
    );
  }
  const child = spawn(
    process.execPath,
    [prismEntry(), "mock", spec, "--host", host, "--port", String(port)],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  return new Promise<RunningMock>((resolve, reject) => {
    const recent: string[] = [];
    let url: string | undefined;
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`Prism did not start: ${reason}\n${recent.join("\n")}`));
    };
    const timer = setTimeout(
      () => fail(`not listening after ${startupTimeoutMs} ms`),
      startupTimeoutMs,
    );

    const onLine = (raw: string) => {
      const line = raw.replace(ANSI, "");
      if (url !== undefined) {
        onLog?.(line);
        return;
      }
      recent.push(line);
      if (recent.length > 30) recent.shift();
      const match = LISTENING.exec(line);
      if (match?.[1]) {
        url = match[1];
        clearTimeout(timer);
        resolve({ url, close: () => stop(child, exited) });
      }
    };
    // Both streams are read to the end, so Prism never blocks on a full pipe.
    for (const stream of [child.stdout, child.stderr])
      createInterface({ input: stream }).on("line", onLine);
    child.once("error", (error) => fail(error.message));
    child.once("exit", (code, signal) => {
      if (url === undefined) fail(`Prism exited (${signal ?? `code ${code}`}) before listening`);
    });
  });
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(killer);
}
