// Headless Chromium for the tests. The browser is the system's (Debian's `chromium`, which
// `.ci/run` installs when it is absent); playwright-core drives it and never downloads one.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

/** Where a Chromium binary is looked for, first match wins (`CHROMIUM_PATH` overrides). */
export const CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/** The Chromium binary to use, or undefined when this machine has none. */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  candidates: readonly string[] = CHROMIUM_CANDIDATES,
): string | undefined {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) {
      throw new Error(`CHROMIUM_PATH is ${configured}, but there is no file there`);
    }
    return configured;
  }
  return candidates.find((path) => existsSync(path));
}

/**
 * The Chromium for a browser test suite, or a loud reason to skip it. In CI (`CI` set) a
 * missing browser is an error, so the suites can never pass by not running.
 */
export function chromiumForTests(
  env: NodeJS.ProcessEnv = process.env,
  candidates: readonly string[] = CHROMIUM_CANDIDATES,
): string | undefined {
  const path = findChromium(env, candidates);
  if (path) return path;
  const help = "install it with `apt-get install -y chromium` or set CHROMIUM_PATH";
  if (env.CI) throw new Error(`No Chromium found (looked at ${candidates.join(", ")}); ${help}`);
  console.warn(`\n*** SKIPPING the browser tests: no Chromium on this machine; ${help}. ***\n`);
  return undefined;
}

/** Launches headless Chromium from `executablePath`. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: FLAGS, timeout: 30_000 });
}

/**
 * Where screenshots go: outside the repository, in `ARTIFACTS_DIR` when set, else in the
 * system's temporary directory.
 */
export async function artifactsDir(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const dir = env.ARTIFACTS_DIR ?? join(tmpdir(), "copernica-openapi-artifacts");
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Everything a page reported as going wrong: uncaught exceptions and console errors. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  return errors;
}
