import { existsSync, readdirSync, readFileSync } from "node:fs";

/** Whether this system lists its processes in /proc (Linux), which the helpers below read. */
export const hasProc = existsSync("/proc/self/stat");

/** The processes whose command line holds `text`, and (if given) whose parent is `parent`. */
export function processesWith(text: string, parent?: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(text)) return false;
        // The parent's pid is the second field after the command's name, in brackets.
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        return (
          parent === undefined ||
          Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === parent
        );
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

/** Waits, at most `ms`, until `done()` holds; checks every 50 ms. */
export async function waitFor(done: () => boolean, ms: number): Promise<boolean> {
  for (let waited = 0; waited <= ms; waited += 50) {
    if (done()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return done();
}
