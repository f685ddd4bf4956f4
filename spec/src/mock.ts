import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import {
  Agent,
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  request,
  type ServerResponse,
} from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createGenerator, type Generator, type OpenApiDocument } from "./generate.js";

/** The bundled description that this package ships, next to this module. */
export const bundledSpecPath: string = fileURLToPath(new URL("./openapi.yaml", import.meta.url));

/** What the mock answers with. */
export const MOCK_MODES = ["examples", "generated"] as const;
export type MockMode = (typeof MOCK_MODES)[number];
/** The seed of the generated mode when none is given. */
export const DEFAULT_SEED = 1;

export interface MockOptions {
  /**
   * `examples` (default): the examples from Copernica's pages, the same for every request.
   * `generated`: data that looks like Copernica's, generated per request from the schemas and
   * the same for the same seed and request; lists page through one sequence per path and
   * period. In both modes `Prefer: example=<name>` and `Prefer: code=<status>` pick a documented
   * example or error, and requests are validated against the description.
   */
  mode?: MockMode | undefined;
  /** The seed of the generated data (an integer from 0 to 2^32 - 1). Default 1. */
  seed?: number | undefined;
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
  /**
   * Called if Prism, which answers behind the mock, exits on its own while the mock runs (it
   * should not). The mock then answers every request with a 500 that says so. Default: the
   * error's message, with Prism's last lines, goes to stderr.
   */
  onFailure?: ((error: Error) => void) | undefined;
}

export interface RunningMock {
  /** Where the mock listens, for example `http://127.0.0.1:4010`. */
  url: string;
  /** What it answers with. */
  mode: MockMode;
  /** The seed of the generated data (generated mode only). */
  seed?: number;
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

/** How the mock's settings are spelled where they come from: `--mode`, or `MOCK_MODE`. */
export interface MockSettingNames {
  mode: string;
  seed: string;
}

/** A value as a message shows it: text quoted, anything else as JavaScript writes it. */
const shown = (value: unknown) =>
  typeof value === "string" ? JSON.stringify(value) : String(value);

/**
 * The one check of the mock's mode and seed, wherever they come from: the mode is one of
 * MOCK_MODES, a seed an integer from 0 to 2^32 - 1 (a number, or its digits as text) that
 * only goes with the generated mode. A RangeError says what to fix, naming the setting as
 * `names` spells it.
 */
function checkMockSettings(
  mode: unknown,
  seed: unknown,
  names: MockSettingNames,
): { mode: MockMode; seed: number | undefined } {
  if (!MOCK_MODES.includes(mode as MockMode)) {
    throw new RangeError(
      `${names.mode} must be one of ${MOCK_MODES.join(", ")}, got ${shown(mode)}`,
    );
  }
  if (seed === undefined) return { mode: mode as MockMode, seed };
  const value = typeof seed === "string" && /^\d+$/.test(seed) ? Number(seed) : seed;
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 0xffffffff) {
    throw new RangeError(
      `${names.seed} must be an integer from 0 to 4294967295, got ${shown(seed)}`,
    );
  }
  if (mode !== "generated") {
    throw new RangeError(
      `${names.seed} applies to the generated data only: set ${names.mode} to generated`,
    );
  }
  return { mode, seed: value as number };
}

/**
 * Reads the mock's mode and seed from text, as `copernica-mock` (flags) and `npm start`
 * (environment variables) take them: an empty or missing mode is `examples`, an empty seed is
 * none; then the same check as startMock's, naming the setting as `names` spells it.
 */
export function parseMockSettings(
  text: { mode?: string | undefined; seed?: string | undefined },
  names: MockSettingNames = { mode: "mode", seed: "seed" },
): { mode: MockMode; seed: number | undefined } {
  return checkMockSettings(text.mode || "examples", text.seed || undefined, names);
}

/**
 * Starts Prism as a mock of Copernica's API and resolves once Prism says it is listening
 * (never after a fixed wait). Prism answers documented requests with the documented
 * examples, validates every request against the description, and sends CORS headers.
 *
 * Prism listens on a free port of 127.0.0.1 behind a small front server, which listens where
 * asked: the front answers the generated data, refuses a path Prism cannot read (a malformed
 * percent escape once stopped Prism for good), and says so if Prism exits on its own.
 */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const {
    host = "127.0.0.1",
    port = 4010,
    spec = bundledSpecPath,
    onLog,
    startupTimeoutMs = 60_000,
    onFailure = (error: Error) => process.stderr.write(`${error.message}\n`),
  } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${port}`);
  }
  // An empty host would have node:http listen on every interface.
  if (typeof host !== "string" || host.trim() === "") {
    throw new RangeError(
      `host must be an address to listen on, such as 127.0.0.1, got ${shown(host)}`,
    );
  }
  // A timer waits at most 2^31 - 1 ms: a longer wait would end at once.
  if (!(startupTimeoutMs >= 1 && startupTimeoutMs < 2 ** 31)) {
    throw new RangeError(
      `startupTimeoutMs must be from 1 to 2147483647 (ms), got ${shown(startupTimeoutMs)}`,
    );
  }
  const { mode, seed } = checkMockSettings(options.mode ?? "examples", options.seed, {
    mode: "mode",
    seed: "seed",
  });
  if (!existsSync(spec)) {
    throw new Error(
      `No OpenAPI description at ${spec}. In the repository, run \`pnpm build\` first.`,
    );
  }
  const usedSeed = mode === "generated" ? (seed ?? DEFAULT_SEED) : undefined;
  // Prism still validates every request and answers every Prefer and error; in the generated
  // mode the front replaces only its plain 200 JSON answers with generated ones.
  const generator =
    usedSeed === undefined ? undefined : createGenerator(readDocument(spec), usedSeed);
  // The front listens first, so that a port in use is found at once, not after Prism's start.
  let prism: Prism | undefined;
  const front = await startFront(host, port, () => prism, generator);
  try {
    prism = await startPrism({ spec, onLog, startupTimeoutMs });
  } catch (error) {
    await front.close();
    throw error;
  }
  const started = prism;
  void started.failed.then(onFailure);
  return {
    url: front.url,
    mode,
    ...(usedSeed === undefined ? {} : { seed: usedSeed }),
    close: () => Promise.all([front.close(), started.close()]).then(() => undefined),
  };
}

/** The bundled description as JSON (the generated mode reads its schemas). */
function readDocument(spec: string): OpenApiDocument {
  const json = spec.replace(/\.ya?ml$/, ".json");
  if (!existsSync(json)) {
    throw new Error(
      `The generated mode reads the description as JSON, and there is none at ${json}`,
    );
  }
  return JSON.parse(readFileSync(json, "utf8")) as OpenApiDocument;
}

/** Headers that describe this connection, not the request: never forwarded, either way. */
const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "host",
  "te",
  "trailer",
  "upgrade",
  "http2-settings",
  "proxy-connection",
  "proxy-authorization",
  "expect",
];
/**
 * Headers of a request that Copernica does not read, and that Prism could not bear: it parses
 * them, and a malformed one (`Accept: *`) stops it for good. Copernica answers JSON whatever
 * a request accepts, and a GET has no body to describe.
 */
const UNREAD = ["accept", "content-type"];

/** An answer of the front's own, with the CORS header that Prism's answers carry. */
function answerOwn(res: ServerResponse, status: number, body: string, type: string): void {
  res.writeHead(status, {
    "content-type": type,
    "content-length": Buffer.byteLength(body),
    "access-control-allow-origin": "*",
  });
  res.end(body);
}

const PLAIN = "text/plain; charset=utf-8";

/** Copernica's answer to a parameter it refuses, as the description documents it. */
const INVALID_DATA = JSON.stringify({ error: { message: "Invalid data provided" } });

/**
 * The server that listens where the mock was asked to, in front of Prism (`current()`, undefined
 * while Prism is starting).
 */
function startFront(
  host: string,
  port: number,
  current: () => Prism | undefined,
  generator: Generator | undefined,
): Promise<{ url: string; close(): Promise<void> }> {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const prism = current();
    if (!prism) {
      // Only a client that guessed the port gets here: startMock has not resolved yet.
      res.setHeader("retry-after", "1");
      answerOwn(res, 503, "The mock is starting: try again in a moment\n", PLAIN);
      return;
    }
    if (prism.failure) {
      // 500, not 502: no retry helps until the mock is started again.
      answerOwn(res, 500, `${prism.failure.message}\n`, PLAIN);
      return;
    }
    // The path and query as sent: a URL parser would resolve `..` and `%2e%2e` and read `//x/`
    // as a host. Only a request written for a proxy (`GET http://host/path`) is read as a URL.
    let target = req.url ?? "/";
    if (!target.startsWith("/")) {
      try {
        const absolute = new URL(target);
        target = `${absolute.pathname}${absolute.search}`;
      } catch {
        target = "/";
      }
    }
    const queryAt = target.indexOf("?");
    const path = queryAt < 0 ? target : target.slice(0, queryAt);
    try {
      decodeURIComponent(path);
    } catch {
      // Prism's router would throw on it, and stop.
      answerOwn(res, 400, INVALID_DATA, "application/json");
      return;
    }
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || HOP_BY_HOP.includes(name) || UNREAD.includes(name)) continue;
      headers[name] = value;
    }
    // The answer may be replaced by generated data, so it must come unencoded.
    delete headers["accept-encoding"];
    // node:http with an agent of the mock's own: a dispatcher or interceptor that the process
    // sets for fetch (undici's MockAgent, a proxy) must not reach Prism's traffic.
    const upstream = await new Promise<IncomingMessage>((resolve, reject) => {
      const sent = request(
        { ...prism.address, agent, path: target, method: req.method ?? "GET", headers },
        resolve,
      );
      sent.once("error", reject);
      sent.end();
    });
    const chunks: Buffer[] = [];
    for await (const chunk of upstream) chunks.push(chunk as Buffer);
    let body = Buffer.concat(chunks);
    const status = upstream.statusCode ?? 502;
    const prefer = String(req.headers.prefer ?? "");
    if (
      generator &&
      req.method === "GET" &&
      status === 200 &&
      String(upstream.headers["content-type"]).includes("json") &&
      !/\b(example|dynamic)=/.test(prefer)
    ) {
      const query = new URLSearchParams(queryAt < 0 ? "" : target.slice(queryAt + 1));
      const generated = generator.answer(path, query);
      if (generated !== undefined) body = Buffer.from(JSON.stringify(generated));
    }
    const out: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(upstream.headers)) {
      if (value !== undefined && !HOP_BY_HOP.includes(name) && name !== "content-encoding")
        out[name] = value;
    }
    out["content-length"] = String(body.length);
    res.writeHead(status, out);
    res.end(req.method === "HEAD" ? undefined : body);
  };
  const agent = new Agent({ keepAlive: true });
  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      const failure = current()?.failure;
      if (res.headersSent) res.end();
      else if (failure) answerOwn(res, 500, `${failure.message}\n`, PLAIN);
      else answerOwn(res, 502, `The mock could not answer: ${error.message}\n`, PLAIN);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new Error(`Port ${port} is in use`) : error),
    );
    server.listen(port, host, () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            agent.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

interface PrismOptions {
  spec: string;
  onLog: ((line: string) => void) | undefined;
  startupTimeoutMs: number;
}

interface Prism {
  /** Where Prism listens, for node:http. */
  address: { host: string; port: number };
  /** Why Prism is gone, once it has exited on its own. */
  failure?: Error;
  /** Settles, with the reason and Prism's last lines, once Prism has exited on its own. */
  failed: Promise<Error>;
  close(): Promise<void>;
}

/**
 * Loaded into Prism's process (`node --import`): Prism exits when this process ends, however it
 * ends (a crash, `process.exit`, SIGKILL), since this process holds the other end of Prism's
 * stdin and the pipe closes with it. Without it, a test runner that dies leaves Prism running.
 */
const WATCHDOG = `data:text/javascript,${encodeURIComponent(
  'process.stdin.on("end", () => process.exit(0)).on("error", () => process.exit(0)).resume();',
)}`;

/** Starts Prism on a free port of 127.0.0.1, for the front to forward to. */
function startPrism(options: PrismOptions): Promise<Prism> {
  const { spec, onLog, startupTimeoutMs } = options;
  const child = spawn(
    process.execPath,
    ["--import", WATCHDOG, prismEntry(), "mock", spec, "--host", "127.0.0.1", "--port", "0"],
    {
      // Prism's stdin is a pipe that nothing writes to: it closes when this process ends.
      stdio: ["pipe", "pipe", "pipe"],
      // A process group of its own, so that Ctrl-C in a terminal reaches only this process,
      // which stops Prism itself (it used to kill a Prism still starting, and the mock with
      // it). The watchdog still ends Prism with this process. (On Windows, detached means a
      // console of its own instead.)
      detached: process.platform !== "win32",
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  return new Promise((resolve, reject) => {
    // Prism's last lines, for a message when it stops: its stack trace, or why it did not start.
    const recent: string[] = [];
    let prism: Prism | undefined;
    let failed: (error: Error) => void = () => {};
    let stopping = false;
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
      recent.push(line);
      if (recent.length > 30) recent.shift();
      if (prism) {
        onLog?.(line);
        return;
      }
      const match = LISTENING.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        const { hostname, port } = new URL(match[1]);
        prism = {
          address: { host: hostname, port: Number(port) },
          failed: new Promise<Error>((settle) => {
            failed = settle;
          }),
          close: () => {
            stopping = true;
            return stop(child, exited);
          },
        };
        resolve(prism);
      }
    };
    // Both streams are read to the end, so Prism never blocks on a full pipe.
    for (const stream of [child.stdout, child.stderr])
      createInterface({ input: stream }).on("line", onLine);
    child.once("error", (error) => fail(error.message));
    child.once("exit", (code, signal) => {
      const how = signal ?? `code ${code}`;
      if (!prism) fail(`Prism exited (${how}) before listening`);
      else if (!stopping) {
        prism.failure = new Error(
          `Prism, which answers behind the mock, exited (${how}); restart the mock`,
        );
      }
    });
    // Once its output is read to the end, so that the message has its last lines.
    child.once("close", () => {
      if (prism?.failure) {
        failed(new Error(`${prism.failure.message}. Its last lines:\n${recent.join("\n")}`));
      }
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
