import { startMock } from "@copernica-openapi/spec/mock";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where the Prism mock of this run listens (the examples mode). */
    mockUrl: string;
    /** Where the mock in the generated mode listens (seed 1): lists long enough to page. */
    generatedMockUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [mock, generated] = await Promise.all([
    startMock({ port: 0 }),
    startMock({ port: 0, mode: "generated", seed: 1 }),
  ]);
  project.provide("mockUrl", mock.url);
  project.provide("generatedMockUrl", generated.url);
  return () => Promise.all([mock.close(), generated.close()]).then(() => undefined);
}
