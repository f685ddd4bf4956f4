// The client as a frontend uses it: bundled for the browser, loaded by a page served from one
// local port, reading and paging through statistics from the mock server on another port, so
// every request is cross-origin and CORS is exercised for real.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { type RunningMock, startMock } from "@copernica-openapi/spec/mock";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  artifactsDir,
  chromiumForTests,
  collectPageErrors,
  launchChromium,
} from "../src/chromium.js";

const chromium = chromiumForTests();

const DAY = "begintime=2024-06-03%2000%3A00%3A00&endtime=2024-06-03%2023%3A59%3A59";

/** The clicks of the page's day, asked of the mock directly, in pages of 1000. */
async function clicksOfTheDay(mockUrl: string): Promise<{ ID: string }[]> {
  const clicks: { ID: string }[] = [];
  for (let start = 0; start < 100_000; start += 1000) {
    const response = await fetch(
      `${mockUrl}/v3/ms/clicks?access_token=t&${DAY}&limit=1000&start=${start}`,
    );
    const { data } = (await response.json()) as { data: { ID: string }[] };
    clicks.push(...data);
    if (data.length < 1000) return clicks;
  }
  throw new Error("the mock's day never ended");
}

interface PageActions {
  everyClick(limit: number): Promise<unknown[]>;
  clicksPage(start: number, limit: number): Promise<unknown[]>;
  failure(): Promise<Record<string, unknown>>;
}
declare const copernicaPage: PageActions;

describe.skipIf(chromium === undefined)("the bundled client in Chromium, against the mock", () => {
  let mock: RunningMock;
  let site: Server;
  let siteUrl: string;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  /** What the page asked the mock, and what the mock allowed, as the browser saw it. */
  type Exchange = { url: string; origin: string | undefined; allowOrigin: string | undefined };
  let pending: Promise<Exchange>[] = [];
  /** The exchanges since the last call, once the browser has reported all of their headers. */
  async function exchanges(): Promise<Exchange[]> {
    const settled = await Promise.all(pending);
    pending = [];
    return settled;
  }

  beforeAll(async () => {
    const [bundle, started] = await Promise.all([
      build({
        entryPoints: [join(import.meta.dirname, "page", "app.ts")],
        bundle: true,
        format: "esm",
        platform: "browser",
        target: "es2022",
        minify: true,
        write: false,
        logLevel: "silent",
      }),
      // Generated data: every page differs, so paging shows.
      startMock({ host: "127.0.0.1", port: 0, mode: "generated", seed: 3 }),
    ]);
    mock = started;
    const script = bundle.outputFiles[0]?.text ?? "";
    site = createServer((request, response) => {
      if (request.url === "/app.js") {
        response.writeHead(200, { "content-type": "text/javascript" }).end(script);
      } else if (request.url?.startsWith("/?")) {
        response
          .writeHead(200, { "content-type": "text/html" })
          .end(
            '<!doctype html><title>Clicks</title><link rel="icon" href="data:,"><script type="module" src="/app.js"></script>',
          );
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

    browser = await launchChromium(chromium ?? "");
    page = await browser.newPage();
    errors = collectPageErrors(page);
    page.on("response", (response) => {
      const request = response.request();
      if (!request.url().startsWith(mock.url) || request.method() !== "GET") return;
      pending.push(
        Promise.all([request.allHeaders(), response.allHeaders()]).then(([sent, answered]) => ({
          url: request.url(),
          origin: sent.origin,
          allowOrigin: answered["access-control-allow-origin"],
        })),
      );
    });
    await page.goto(`${siteUrl}/?api=${encodeURIComponent(mock.url)}`);
    await page.locator("body[data-ready=true]").waitFor({ state: "attached" });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await mock?.close();
  });

  it("serves the page and the API from two origins", () => {
    expect(new URL(siteUrl).origin).not.toBe(new URL(mock.url).origin);
  });

  it("pages through every click of a day with paginate, across origins", async () => {
    await exchanges();
    const expected = await clicksOfTheDay(mock.url);
    const clicks = await page.evaluate(() => copernicaPage.everyClick(25));
    const requests = await exchanges();

    expect(expected.length).toBeGreaterThan(25);
    expect(clicks).toEqual(expected);
    expect(requests).toHaveLength(Math.floor(expected.length / 25) + 1);
    requests.forEach(({ url, origin, allowOrigin }, index) => {
      const sent = new URL(url);
      expect(sent.pathname).toBe("/v3/ms/clicks");
      expect([sent.searchParams.get("start"), sent.searchParams.get("limit")]).toEqual([
        String(index * 25),
        "25",
      ]);
      expect(sent.searchParams.get("access_token")).toBe("browser-page-token");
      expect(origin).toBe(new URL(siteUrl).origin);
      expect(allowOrigin).toMatch(/^(\*|http:\/\/127\.0\.0\.1:\d+)$/);
    });
  });

  it("reads page after page with start and limit", async () => {
    await exchanges();
    const first = await page.evaluate(() => copernicaPage.clicksPage(0, 2));
    const second = await page.evaluate(() => copernicaPage.clicksPage(2, 2));
    const requests = await exchanges();

    expect([...first, ...second]).toEqual((await clicksOfTheDay(mock.url)).slice(0, 4));
    expect(
      requests.map(({ url }) => {
        const query = new URL(url).searchParams;
        return `${query.get("start")}/${query.get("limit")}`;
      }),
    ).toEqual(["0/2", "2/2"]);
    await page.screenshot({ path: join(await artifactsDir(), "client-page.png"), fullPage: true });
  });

  it("turns the load balancer's 503 into a CopernicaError, without the token, even cross-origin", async () => {
    const failure = await page.evaluate(() => copernicaPage.failure());

    // The Prefer header makes this a preflighted request: had the mock refused the preflight,
    // the browser would have failed the fetch and the kind would be "network", with no status.
    expect(failure).toMatchObject({ thrown: true, kind: "server", status: 503 });
    expect(JSON.stringify(failure)).not.toContain("browser-page-token");
  });

  it("reports no script errors other than the failed request it asked for", () => {
    expect(errors.filter((error) => !error.includes("503"))).toEqual([]);
  });
});
