export {
  type CopernicaClient,
  type CopernicaClientOptions,
  createCopernicaClient,
  DEFAULT_BASE_URL,
} from "./client.js";
export { CopernicaError, type CopernicaErrorKind } from "./errors.js";
/** Every type generated from the OpenAPI description: paths, operations, components and a type per schema. */
export type * from "./generated/openapi.js";
export type { FetchLike } from "./transport.js";
