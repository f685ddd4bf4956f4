// openapi-fetch alone, the baseline: everything it exports.
export * from "openapi-fetch";
export { default } from "openapi-fetch";
