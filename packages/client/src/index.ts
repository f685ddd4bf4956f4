export {
  type CopernicaClient,
  type CopernicaClientOptions,
  createCopernicaClient,
  type DataOf,
  DEFAULT_BASE_URL,
  type ItemOf,
  type KeysetPath,
  type ListPath,
} from "./client.js";
export { CopernicaError, type CopernicaErrorDetails, type CopernicaErrorKind } from "./errors.js";
export { FILTER_OPERATORS, type FilterOperator, filter, type StatisticsField } from "./filters.js";
/** Every type generated from the OpenAPI description: paths, operations, components and a type per schema. */
export type * from "./generated/openapi.js";
export { type EventRange, messageEvents, paginateById } from "./paging.js";
export { DEFAULT_TIME_ZONE, formatDate, formatTimestamp, parseTimestamp } from "./time.js";
export type {
  FetchLike,
  Hooks,
  RequestEvent,
  ResponseEvent,
  RetryEvent,
  RetryOptions,
} from "./transport.js";
