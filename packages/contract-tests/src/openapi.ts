import { createRequire } from "node:module";

/** The parts of the bundled OpenAPI document that the contract tests read. */
export interface Parameter {
  name: string;
  in: "query" | "path" | "header" | "cookie";
  required?: boolean;
  schema: Record<string, unknown>;
  /** JSON pointer of `schema` in the document, for Ajv. */
  schemaPointer: string;
}
export interface MediaType {
  /** JSON pointer of the media type's schema in the document, for Ajv. */
  schemaPointer: string;
  /** The examples, `$ref`s resolved; a single unnamed `example` has the name `undefined`. */
  examples: { name: string | undefined; value: unknown }[];
}
export interface Response {
  content: Record<string, MediaType>;
}
export interface Operation {
  operationId: string;
  method: string;
  path: string;
  parameters: Parameter[];
  responses: Record<string, Response>;
}

type Node = Record<string, unknown>;

export const document = createRequire(import.meta.url)(
  "@copernica-openapi/spec/openapi.json",
) as Node;

const pointerKey = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
const at = (pointer: string): unknown =>
  pointer
    .slice(2)
    .split("/")
    .filter((part) => part !== "")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, key) => (node as Node | undefined)?.[key], document);

/** Follows local `$ref`s from the node at `pointer`; returns the node reached and its pointer. */
function resolve(pointer: string): { node: Node; pointer: string } {
  let current = pointer;
  for (let hops = 0; hops < 10; hops++) {
    const node = at(current) as Node | undefined;
    if (node === undefined) throw new Error(`Nothing at ${current} in the bundled spec`);
    const ref = node.$ref;
    if (typeof ref !== "string") return { node, pointer: current };
    if (!ref.startsWith("#/"))
      throw new Error(`Only local $refs are expected in the bundle, got ${ref}`);
    current = ref;
  }
  throw new Error(`Too many $ref hops from ${pointer}`);
}

function mediaType(pointer: string): MediaType {
  const { node } = resolve(pointer);
  const examples: MediaType["examples"] = [];
  if (node.example !== undefined) examples.push({ name: undefined, value: node.example });
  for (const name of Object.keys((node.examples as Node | undefined) ?? {})) {
    examples.push({ name, value: resolve(`${pointer}/examples/${pointerKey(name)}`).node.value });
  }
  return { schemaPointer: `${pointer}/schema`, examples };
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every operation of the bundled document, with its parameters and responses resolved. */
export const operations: Operation[] = Object.entries(
  document.paths as Record<string, Node>,
).flatMap(([path, item]) =>
  METHODS.filter((method) => method in item).map((method) => {
    const base = `#/paths/${pointerKey(path)}/${method}`;
    const operation = item[method] as {
      operationId: string;
      parameters?: unknown[];
      responses: Node;
    };
    return {
      operationId: operation.operationId,
      method: method.toUpperCase(),
      path,
      parameters: (operation.parameters ?? []).map((_, index) => {
        const { node, pointer } = resolve(`${base}/parameters/${index}`);
        return { ...(node as unknown as Parameter), schemaPointer: `${pointer}/schema` };
      }),
      responses: Object.fromEntries(
        Object.keys(operation.responses).map((status) => {
          const { node, pointer } = resolve(`${base}/responses/${status}`);
          const content = Object.keys((node.content as Node | undefined) ?? {}).map((type) => [
            type,
            mediaType(`${pointer}/content/${pointerKey(type)}`),
          ]);
          return [status, { content: Object.fromEntries(content) }];
        }),
      ),
    };
  }),
);

export function operationById(operationId: string): Operation {
  const operation = operations.find((candidate) => candidate.operationId === operationId);
  if (!operation) throw new Error(`No operation ${operationId} in the bundled spec`);
  return operation;
}
