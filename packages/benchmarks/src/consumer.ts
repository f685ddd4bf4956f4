import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

interface Parameter {
  $ref?: string;
  in?: string;
  name?: string;
  required?: boolean;
  example?: unknown;
  schema?: { type?: string | string[]; enum?: unknown[]; items?: { type?: string } };
}
interface Spec {
  paths: Record<string, Record<string, { operationId?: string; parameters?: Parameter[] }>>;
  components: { parameters: Record<string, Parameter> };
}

/** The bundled description, as the spec package builds it. */
export function loadSpec(): Spec {
  const path = createRequire(import.meta.url).resolve("@copernica-openapi/spec/openapi.json");
  return JSON.parse(readFileSync(path, "utf8")) as Spec;
}

function exampleOf(parameter: Parameter): unknown {
  if (parameter.example !== undefined) return parameter.example;
  const { type, enum: choices, items } = parameter.schema ?? {};
  if (choices?.length) return choices[0];
  const first = Array.isArray(type) ? type[0] : type;
  if (first === "integer" || first === "number") return parameter.name === "limit" ? 1000 : 1;
  if (first === "boolean") return false;
  if (first === "array") return [items?.type === "integer" ? 1 : "x"];
  return "x";
}

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  /** The init argument: every path and query parameter the operation documents, with an example value. */
  init: { params: { path?: Record<string, unknown>; query?: Record<string, unknown> } };
}

/** Every operation of the spec, each with every parameter it takes filled in from the spec's examples. */
export function operationsOf(spec: Spec): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const params: Operation["init"]["params"] = {};
      for (const raw of operation.parameters ?? []) {
        const parameter = raw.$ref
          ? spec.components.parameters[raw.$ref.replace("#/components/parameters/", "")]
          : raw;
        if (!parameter?.name || (parameter.in !== "path" && parameter.in !== "query")) continue;
        const into = params[parameter.in] ?? {};
        into[parameter.name] = exampleOf(parameter);
        params[parameter.in] = into;
      }
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId ?? `${method} ${path}`,
        init: { params },
      });
    }
  }
  return operations;
}

/**
 * A consumer program that calls every operation through the client, with every parameter,
 * with `GET` and with `get`, and uses what each answers. With `typed: false` it is the same
 * program with the client typed `any`.
 */
export function consumerProgram(operations: Operation[], typed: boolean): string {
  const lines = typed
    ? [
        'import { createCopernicaClient } from "@copernica-openapi/client";',
        "",
        'const copernica = createCopernicaClient({ accessToken: "token" });',
      ]
    : [
        "declare const createCopernicaClient: (options: { accessToken: string }) => any;",
        "",
        'const copernica = createCopernicaClient({ accessToken: "token" });',
      ];
  lines.push(
    "const seen: unknown[] = [];",
    "",
    "export async function callEveryOperation(): Promise<void> {",
  );
  operations.forEach((operation, index) => {
    if (operation.method !== "GET")
      throw new Error(`${operation.operationId}: only GET is benchmarked`);
    const init = JSON.stringify(operation.init);
    lines.push(
      `  // ${operation.operationId}`,
      `  const r${index} = await copernica.GET(${JSON.stringify(operation.path)}, ${init});`,
      `  if (r${index}.data) seen.push(r${index}.data); else seen.push(r${index}.error, r${index}.response.status);`,
      `  seen.push(await copernica.get(${JSON.stringify(operation.path)}, ${init}));`,
    );
  });
  lines.push("}", "");
  return lines.join("\n");
}
