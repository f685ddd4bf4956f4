// End to end: the production build of the dashboard in headless Chromium, on one port, against
// the mock server (generated data, a fixed seed) on another, so CORS is the browser's own.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  artifactsDir,
  chromiumForTests,
  collectPageErrors,
  launchChromium,
} from "@copernica-openapi/browser";
import { type RunningMock, startMock } from "@copernica-openapi/spec/mock";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveStatic } from "./static-server.js";

const SEED = 11;
const TOKEN = "mock-token-not-a-secret";
const dist = fileURLToPath(new URL("../dist", import.meta.url));
const chromium = chromiumForTests();

interface Envelope {
  start: number;
  total?: number;
  data: { ID: string; timestamp: string }[];
}

describe.skipIf(chromium === undefined)("the example dashboard in Chromium", () => {
  let mock: RunningMock;
  let web: Awaited<ReturnType<typeof serveStatic>>;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const requests: string[] = [];

  /** What the mock answers for a query, fetched beside the browser, to compare with the screen. */
  const expected = async (path: string, query: string): Promise<Envelope> => {
    const response = await fetch(`${mock.url}${path}?access_token=any&${query}`);
    return (await response.json()) as Envelope;
  };
  const rowIds = () => page.locator("tbody tr td:first-child").allTextContents();

  beforeAll(async () => {
    if (!existsSync(join(dist, "index.html"))) {
      throw new Error("No production build in dist/: run `pnpm build` first");
    }
    [mock, web, browser] = await Promise.all([
      startMock({ host: "127.0.0.1", port: 0, mode: "generated", seed: SEED }),
      serveStatic(dist),
      launchChromium(chromium as string),
    ]);
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    // Every wait below is playwright's, bounded by this (a loaded CI machine can be slow).
    page.setDefaultTimeout(30_000);
    errors = collectPageErrors(page);
    page.on("request", (request) => requests.push(request.url()));
    expect(new URL(mock.url).port).not.toBe(new URL(web.url).port);
    await page.goto(`${web.url}/?api=${encodeURIComponent(mock.url)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([mock?.close(), web?.close()]);
  });

  it("renders the first page of impressions in June 2024", async () => {
    await page
      .getByTestId("status")
      .filter({ hasText: /^Impressions 1–10 of / })
      .waitFor();
    const want = await expected(
      "/v3/ms/impressions",
      "begintime=2024-06-01 00:00:00&endtime=2024-06-30 23:59:59&start=0&limit=10",
    );
    expect(await rowIds()).toEqual(want.data.map((row) => row.ID));
    expect(await page.getByTestId("status").textContent()).toBe(
      `Impressions 1–10 of ${want.total?.toLocaleString("en")}`,
    );
    expect(await page.locator("thead th").allTextContents()).toContain("Device");
    expect(await page.getByTestId("previous").isDisabled()).toBe(true);
    await page.screenshot({ path: join(await artifactsDir(), "dashboard-impressions.png") });
  });

  it("pages forward and back", async () => {
    const first = await rowIds();
    await page.getByTestId("next").click();
    await page
      .getByTestId("status")
      .filter({ hasText: /^Impressions 11–20 of / })
      .waitFor();
    const want = await expected(
      "/v3/ms/impressions",
      "begintime=2024-06-01 00:00:00&endtime=2024-06-30 23:59:59&start=10&limit=10",
    );
    const second = await rowIds();
    expect(second).toEqual(want.data.map((row) => row.ID));
    expect(second).not.toEqual(first);
    await page.getByTestId("previous").click();
    await page
      .getByTestId("status")
      .filter({ hasText: /^Impressions 1–10 of / })
      .waitFor();
    expect(await rowIds()).toEqual(first);
  });

  it("lists clicks within the period it is given", async () => {
    await page.locator("[name=from]").fill("2024-06-03T00:00:00");
    await page.locator("[name=to]").fill("2024-06-03T23:59:59");
    await page.locator("[name=kind]").selectOption("clicks");
    await page
      .getByTestId("status")
      .filter({ hasText: /^Clicks 1–10 of / })
      .waitFor();
    expect(await page.locator("thead th").allTextContents()).toContain("Link");
    const times = await page.locator("tbody tr td:nth-child(2)").allTextContents();
    expect(times).toHaveLength(10);
    for (const time of times) expect(time).toMatch(/^2024-06-03 \d{2}:\d{2}:\d{2}$/);
    const want = await expected(
      "/v3/ms/clicks",
      "begintime=2024-06-03 00:00:00&endtime=2024-06-03 23:59:59&start=0&limit=10",
    );
    expect(await rowIds()).toEqual(want.data.map((row) => row.ID));
  });

  it("shows the empty state for an empty page", async () => {
    await page.locator("[name=scenario]").selectOption("example=empty");
    await page
      .getByTestId("status")
      .filter({ hasText: /^No clicks between/ })
      .waitFor();
    expect(await page.locator("tbody tr").count()).toBe(0);
    expect(await page.getByTestId("next").isDisabled()).toBe(true);
  });

  it("shows the error state when the mock answers 400 or 503", async () => {
    await page.locator("[name=scenario]").selectOption("code=400");
    const alert = page.getByRole("alert");
    await alert.filter({ hasText: "The API answered 400: Invalid data provided." }).waitFor();
    expect(await page.locator("tbody tr").count()).toBe(0);

    await page.locator("[name=scenario]").selectOption("code=503");
    await alert.filter({ hasText: /^The API answered 503/ }).waitFor();
    await page.screenshot({ path: join(await artifactsDir(), "dashboard-error.png") });

    // Back to live data: the error goes away and rows come back.
    await page.locator("[name=scenario]").selectOption("");
    await page
      .getByTestId("status")
      .filter({ hasText: /^Clicks 1–10 of / })
      .waitFor();
    expect(await alert.isHidden()).toBe(true);
  });

  it("never shows the access token, and reports no page errors", async () => {
    expect(await page.getByTestId("token").textContent()).toBe("hidden");
    expect(await page.content()).not.toContain(TOKEN);
    // The token goes to the API only: every request with it is a request to the mock.
    const withToken = requests.filter((url) => url.includes(TOKEN));
    expect(withToken.length).toBeGreaterThan(5);
    for (const url of withToken) expect(url.startsWith(`${mock.url}/`)).toBe(true);
    // The browser logs the mock's 400 and 503 answers as failed loads; anything else is a bug.
    const unexpected = errors.filter(
      (error) =>
        !/Failed to load resource: the server responded with a status of (400|503)/.test(error),
    );
    expect(unexpected).toEqual([]);
    expect(readFileSync(join(dist, "index.html"), "utf8")).toContain("Mock scenario");
  });
});
