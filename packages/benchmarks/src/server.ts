import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export interface PageServer {
  /** `http://127.0.0.1:<port>`: serves `/v3/ms/clicks` pages of the events. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts a node:http server on 127.0.0.1 and a free port, in a child process, that serves
 * `events` Marketing Suite clicks page by page (`start`, `limit`, at most 1000, `total=false`
 * envelope). It stops when closed, or when this process exits.
 */
export function startPageServer(events: number): Promise<PageServer> {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL("./server-child.js", import.meta.url)), String(events)],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("the page server did not start within 30 s"));
    }, 30_000);
    child.once("exit", (code) => reject(new Error(`the page server exited (${code})`)));
    createInterface({ input: child.stdout }).once("line", (line) => {
      clearTimeout(timer);
      const { url } = JSON.parse(line) as { url: string };
      resolve({
        url,
        close: async () => {
          child.stdin.end();
          const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
  });
}
