import { startMock } from "@copernica-openapi/spec/mock";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where the Prism mock of this run listens. */
    mockUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mock = await startMock({ port: 0 });
  project.provide("mockUrl", mock.url);
  return () => mock.close();
}
