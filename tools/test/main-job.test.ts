import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMainJob } from "../main-job.mjs";

describe("the main job", () => {
  let job: Awaited<ReturnType<typeof startMainJob>>;
  beforeAll(async () => {
    job = await startMainJob({ host: "127.0.0.1", mockPort: 0, docsPort: 0 });
  });
  afterAll(() => job?.close());

  it("serves the rendered reference and the bundled description", async () => {
    const page = await fetch(`${job.docsUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("<title>Copernica e-mail statistics API</title>");

    const json = await fetch(`${job.docsUrl}/openapi.json`);
    expect(await json.json()).toMatchObject({ openapi: "3.1.0" });
    expect((await fetch(`${job.docsUrl}/openapi.yaml`)).status).toBe(200);
    expect((await fetch(`${job.docsUrl}/../package.json`)).status).toBe(404);
  });

  it("runs the mock API beside it", async () => {
    const page = await fetch(
      `${job.mockUrl}/v3/publisher/destination/822758/impressions?access_token=any`,
    );
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ data: [{ ID: "44807", destination: "822758" }] });
  });

  it("says which port is taken when the reference cannot listen", async () => {
    const port = Number(new URL(job.docsUrl).port);
    await expect(startMainJob({ host: "127.0.0.1", mockPort: 0, docsPort: port })).rejects.toThrow(
      `Port ${port} is in use; set DOCS_PORT to another port`,
    );
  });
});

describe("the main job's mock options", () => {
  // The mock checks mode and seed before it starts Prism, so these cost no Prism start; the
  // generated mode itself is tested through copernica-mock in spec/test/mock-cli.test.ts.
  it("passes the mode and the seed on to the mock", async () => {
    await expect(
      startMainJob({ host: "127.0.0.1", mockPort: 0, docsPort: 0, mode: "generated", seed: -1 }),
    ).rejects.toThrow("seed must be an integer from 0 to 4294967295, got -1");
    await expect(
      startMainJob({ host: "127.0.0.1", mockPort: 0, docsPort: 0, mode: "examples", seed: 3 }),
    ).rejects.toThrow("seed applies to the generated mode only");
  });
});
