import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

export interface Started {
  child: ChildProcess;
  /** Every line printed so far, stdout and stderr. */
  output: string[];
  exited: Promise<number | null>;
}

/** Runs a node script and resolves once a printed line matches `ready` (never after a fixed wait). */
export function startScript(
  script: string,
  args: string[],
  ready: RegExp,
  env: Record<string, string> = {},
): Promise<Started & { match: RegExpExecArray }> {
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no line matched ${ready} within 60 s:\n${output.join("\n")}`));
    }, 60_000);
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on("line", (line) => {
        output.push(line);
        const match = ready.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve({ child, output, exited, match });
        }
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new Error(`exited with ${code} before a line matched ${ready}:\n${output.join("\n")}`),
      );
    });
  });
}
