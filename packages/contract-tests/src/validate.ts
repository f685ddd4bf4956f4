import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { document, type Operation, operations } from "./openapi.js";

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(document, "openapi.json");

const compiled = new Map<string, ValidateFunction>();

/** A validator for the schema at `pointer` in the bundled document ($refs resolved by Ajv). */
export function validatorAt(pointer: string): ValidateFunction {
  let validate = compiled.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `openapi.json${pointer}` });
    compiled.set(pointer, validate);
  }
  return validate;
}

/** Validates `value` against the schema at `pointer`; returns readable problems (none when valid). */
export function problemsAt(pointer: string, value: unknown, label: string): string[] {
  const validate = validatorAt(pointer);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${label}${error.instancePath} ${error.message}`);
}

/** The operation whose path template matches `pathname` for `method`. */
export function matchOperation(method: string, pathname: string): Operation | undefined {
  return operations.find((operation) => {
    if (operation.method !== method) return false;
    const pattern = new RegExp(`^${operation.path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    return pattern.test(pathname);
  });
}

export interface RequestCheck {
  operation: Operation | undefined;
  problems: string[];
}

/**
 * Checks a request URL the way Copernica would read it, against the spec's parameter
 * schemas: the path matches an operation; the access token is there; every query parameter
 * is one the operation documents, appears once unless it is an array, and is
 * percent-encoded; every value (`fields[]` included, which Prism does not check) is valid.
 */
export function checkRequest(method: string, url: string): RequestCheck {
  const parsed = new URL(url);
  const operation = matchOperation(method, parsed.pathname);
  if (!operation)
    return {
      operation,
      problems: [`${method} ${parsed.pathname} matches no operation in the spec`],
    };
  const problems: string[] = [];

  const raw = new Map<string, string[]>();
  for (const pair of parsed.search.slice(1).split("&").filter(Boolean)) {
    const [rawName = "", rawValue = ""] = pair.split(/=(.*)/s);
    const name = decodeURIComponent(rawName);
    const value = decodeURIComponent(rawValue.replace(/\+/g, " "));
    if (rawValue !== encodeURIComponent(value)) {
      problems.push(`query ${name}: value ${JSON.stringify(rawValue)} is not percent-encoded`);
    }
    raw.set(name, [...(raw.get(name) ?? []), value]);
  }

  const tokens = raw.get("access_token") ?? [];
  if (tokens.length !== 1 || tokens[0] === "")
    problems.push("query access_token: must be sent exactly once");
  raw.delete("access_token");

  const segments = parsed.pathname.split("/");
  const templateSegments = operation.path.split("/");
  for (const parameter of operation.parameters) {
    if (parameter.in === "path") {
      const index = templateSegments.indexOf(`{${parameter.name}}`);
      const value = decodeURIComponent(segments[index] ?? "");
      problems.push(
        ...problemsAt(
          parameter.schemaPointer,
          coerce(value, parameter.schema),
          `path ${parameter.name}`,
        ),
      );
      continue;
    }
    if (parameter.in !== "query") continue;
    const values = raw.get(parameter.name);
    raw.delete(parameter.name);
    if (values === undefined) {
      if (parameter.required) problems.push(`query ${parameter.name}: required but missing`);
      continue;
    }
    const isArray = parameter.schema.type === "array";
    if (!isArray && values.length > 1)
      problems.push(`query ${parameter.name}: sent ${values.length} times`);
    const value = isArray ? values : coerce(values[0] ?? "", parameter.schema);
    problems.push(...problemsAt(parameter.schemaPointer, value, `query ${parameter.name}`));
  }
  for (const name of raw.keys())
    problems.push(`query ${name}: not a parameter of ${operation.operationId}`);
  return { operation, problems };
}

/** Turns a query or path string into the JSON type its schema expects, as a server would. */
export function coerce(value: string, schema: Record<string, unknown>): unknown {
  const types = ([] as unknown[]).concat(schema.type ?? []);
  if (types.includes("integer") && /^-?\d+$/.test(value)) return Number(value);
  if (types.includes("boolean") && (value === "true" || value === "false")) return value === "true";
  return value;
}
