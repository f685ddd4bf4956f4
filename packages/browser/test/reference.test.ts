// The rendered reference as a reader meets it: opened from disk in a real browser, with no
// network, showing every operation of the spec under its platform.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  artifactsDir,
  chromiumForTests,
  collectPageErrors,
  launchChromium,
} from "../src/chromium.js";

interface Spec {
  info: { title: string };
  paths: Record<string, Record<string, { operationId: string; summary: string }>>;
  "x-tagGroups": { name: string }[];
  components: { securitySchemes: Record<string, { name: string }> };
}

const require = createRequire(import.meta.url);
const referenceFile = require.resolve("@copernica-openapi/spec/index.html");
const spec: Spec = JSON.parse(
  await readFile(require.resolve("@copernica-openapi/spec/openapi.json"), "utf8"),
);
const operations = Object.values(spec.paths).flatMap((item) => Object.values(item));
const chromium = chromiumForTests();

describe.skipIf(chromium === undefined)("the rendered reference in Chromium", () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const leftTheMachine: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium(chromium ?? "");
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    errors = collectPageErrors(page);
    // The page must work with no network at all: record and refuse anything that is not the file.
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
      leftTheMachine.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(referenceFile).href);
    await page.getByRole("heading", { level: 1 }).first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("opens from disk with its title, contacting no one", async () => {
    expect(await page.title()).toBe(spec.info.title);
    expect(await page.getByRole("heading", { level: 1 }).first().textContent()).toContain(
      spec.info.title,
    );
    expect(leftTheMachine).toEqual([]);
    await page.screenshot({ path: join(await artifactsDir(), "reference.png") });
  });

  it("explains authentication, paging and errors, each under its own heading", async () => {
    for (const section of ["Authentication", "Paging", "Errors"]) {
      const heading = page.locator("h1, h2", { hasText: new RegExp(`^${section}$`) });
      expect(await heading.count(), section).toBe(1);
    }
    const text = (await page.locator("body").textContent()) ?? "";
    expect(text).toContain(Object.values(spec.components.securitySchemes)[0]?.name);
  });

  it("groups the operations by platform in the side menu", async () => {
    const menu = page.locator(".menu-content");
    for (const { name } of spec["x-tagGroups"]) {
      await expect.poll(() => menu.getByText(name, { exact: true }).count()).toBeGreaterThan(0);
    }
  });

  it("shows every operation of the spec where its link leads", async () => {
    expect(operations.length).toBeGreaterThan(40);
    const missing: string[] = [];
    for (const { operationId, summary } of operations) {
      await page.evaluate((id) => {
        location.hash = `operation/${id}`;
      }, operationId);
      // Redoc rewrites the link to its own #/<tag>/<operation> form and scrolls there.
      await page.waitForFunction(
        (id) => location.hash.startsWith("#/") && location.hash.endsWith(`/${id.toLowerCase()}`),
        operationId,
      );
      const section = decodeURIComponent((await page.evaluate(() => location.hash)).slice(1));
      const heading = page.locator(`[data-section-id="${section}"] h2`).first();
      await heading.waitFor({ state: "visible" });
      const box = await heading.boundingBox();
      const inView = box !== null && box.y >= 0 && box.y + box.height <= 1000;
      if ((await heading.textContent()) !== summary || !inView) missing.push(operationId);
    }
    expect(missing).toEqual([]);
    await page.screenshot({ path: join(await artifactsDir(), "reference-last-operation.png") });
  });

  it("reports no script errors", () => {
    // Redoc's footer always asks for Redocly's logo from their CDN; the page's Content Security
    // Policy blocks it (that is the policy working, and the request never leaves).
    const blockedLogo =
      /^console: Loading the image 'https:\/\/cdn\.redoc\.ly\/[^']+' violates the following Content Security Policy directive/;
    expect(errors.filter((error) => !blockedLogo.test(error))).toEqual([]);
  });
});
