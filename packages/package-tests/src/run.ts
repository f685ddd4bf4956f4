import { type ChildProcess, spawn } from "node:child_process";
import { delimiter, dirname, join, sep } from "node:path";
import { createInterface } from "node:readline";

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** A Node binary to put first on the PATH, so `npm`, `npx` and shims run on it. */
  node?: string;
  /** Kills the command after this long: every command here ends or fails. */
  timeoutMs?: number;
}

// Where npm is told to find the registry and its cache: kept, so the outside project installs
// the way this machine does. Every other npm_* variable comes from the workspace's own
// pnpm/npm run (its lifecycle, its package, pnpm's settings) and is dropped.
const NPM_SETTINGS_KEPT = new Set(
  [
    "registry",
    "cache",
    "userconfig",
    "globalconfig",
    "cafile",
    "proxy",
    "https_proxy",
    "noproxy",
    "strict_ssl",
  ].map((name) => `npm_config_${name}`),
);

/** The root of this repository. */
export const workspaceRoot = join(import.meta.dirname, "..", "..", "..");

function environment({ env = {}, node }: RunOptions): NodeJS.ProcessEnv {
  // The workspace's node_modules/.bin folders are on the PATH of every pnpm script: drop them,
  // so that nothing outside runs a tool from inside.
  const path = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((entry) => !`${entry}${sep}`.startsWith(`${workspaceRoot}${sep}`))
    .join(delimiter);
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.toLowerCase().startsWith("npm_") || NPM_SETTINGS_KEPT.has(key.toLowerCase()),
    ),
  );
  return {
    ...inherited,
    NODE_OPTIONS: undefined,
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
    PATH: node ? `${dirname(node)}${delimiter}${path}` : path,
    ...env,
  };
}

/** Runs a command to its end and resolves with its exit code and output (never rejects on a non-zero code). */
export function run(command: string, args: string[], options: RunOptions): Promise<Ran> {
  const { cwd, timeoutMs = 240_000 } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: environment(options),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      stderr += `\n[killed: still running after ${timeoutMs} ms]`;
    }, timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Like `run`, but rejects with the command's output when it does not exit with 0. */
export async function runOk(command: string, args: string[], options: RunOptions): Promise<Ran> {
  const ran = await run(command, args, options);
  if (ran.code !== 0) {
    throw new Error(
      `\`${command} ${args.join(" ")}\` in ${options.cwd} exited with ${ran.code}\n` +
        `--- stdout\n${ran.stdout}\n--- stderr\n${ran.stderr}`,
    );
  }
  return ran;
}

export interface Started {
  url: string;
  output: string[];
  close(): Promise<void>;
}

/**
 * Starts a long-running Node script and resolves with the URL from the first line that
 * matches `ready` (never after a fixed wait); rejects if it exits first or is not ready in time.
 */
export function startServer(
  node: string,
  script: string,
  args: string[],
  ready: RegExp,
  options: RunOptions,
): Promise<Started> {
  const { cwd, timeoutMs = 60_000 } = options;
  const child: ChildProcess = spawn(node, [script, ...args], {
    cwd,
    env: environment(options),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(killer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(
          `${script} printed no line matching ${ready} in ${timeoutMs} ms:\n${output.join("\n")}`,
        ),
      );
    }, timeoutMs);
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on("line", (line) => {
        output.push(line);
        const url = ready.exec(line)?.[1];
        if (url) {
          clearTimeout(timer);
          resolve({ url, output, close });
        }
      });
    }
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `${script} exited (${signal ?? code}) before it was ready:\n${output.join("\n")}`,
        ),
      );
    });
  });
}
