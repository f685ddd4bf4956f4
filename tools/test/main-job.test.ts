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

describe("the main job in the generated mode", () => {
  it("runs the mock with generated data for the seed it is given", async () => {
    const job = await startMainJob({
      host: "127.0.0.1",
      mockPort: 0,
      docsPort: 0,
      mode: "generated",
      seed: 5,
    });
    try {
      expect(job).toMatchObject({ mockMode: "generated", mockSeed: 5 });
      const page = await fetch(`${job.mockUrl}/v3/ms/clicks?access_token=any&limit=3`);
      expect(await page.json()).toMatchObject({ start: 0, limit: 3, count: 3 });
    } finally {
      await job.close();
    }
  });
});
