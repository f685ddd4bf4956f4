// The TypeScript examples in the README compile against the client as it is: a renamed
// export, a changed parameter or a path the spec dropped breaks this test, not a reader.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..");

/** The ```ts blocks of a Markdown file, with the line each starts on. */
function typescriptBlocks(markdown: string): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = [];
  const fence = /^```ts\n([\s\S]*?)^```$/gm;
  for (const match of markdown.matchAll(fence)) {
    const line = markdown.slice(0, match.index).split("\n").length;
    blocks.push({ line, code: match[1] ?? "" });
  }
  return blocks;
}

/** Type-checks each of `files` (name to code) as an ES module of this package, in one program. */
function compile(files: Record<string, string>): Record<string, string[]> {
  const configPath = join(import.meta.dirname, "..", "tsconfig.json");
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${configPath}`);
  const virtual = new Map(
    Object.entries(files).map(([name, code]) => [join(dirname(configPath), "test", name), code]),
  );
  // The libraries' own declarations are checked by their packages; here only the examples count,
  // and an example may name a value just to show what a call gives.
  const options = {
    ...config.options,
    noEmit: true,
    skipLibCheck: true,
    noUnusedLocals: false,
    noUnusedParameters: false,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (path) => virtual.has(path) || fileExists.call(host, path);
  host.readFile = (path) => virtual.get(path) ?? readFile.call(host, path);
  host.getSourceFile = (path, language, ...rest) => {
    const code = virtual.get(path);
    return code === undefined
      ? getSourceFile.call(host, path, language, ...rest)
      : ts.createSourceFile(path, code, language);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  const problems: Record<string, string[]> = {};
  for (const [path] of virtual) {
    const name = path.slice(path.lastIndexOf("/") + 1);
    problems[name] = ts
      .getPreEmitDiagnostics(program, program.getSourceFile(path))
      .map((diagnostic) => {
        const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
        if (!diagnostic.file || diagnostic.start === undefined) return text;
        const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
        return `line ${line + 1}: ${text}`;
      });
  }
  return problems;
}

describe("the README's TypeScript examples", () => {
  const blocks = typescriptBlocks(readFileSync(join(root, "README.md"), "utf8"));
  const first = blocks[0]?.code ?? "";
  // One program for all of them, plus a copy of the first with a mistake in it.
  const problems = compile({
    ...Object.fromEntries(blocks.map(({ code, line }) => [`readme-line-${line}.ts`, code])),
    "readme-broken.ts": first.replace("createCopernicaClient,", "createCopernicaClent,"),
  });

  it("has examples to check", () => {
    expect(blocks.length).toBeGreaterThan(0);
    expect(first).toContain("createCopernicaClient,");
  });

  it.each(blocks)("the example at README.md line $line compiles", ({ line }) => {
    expect(problems[`readme-line-${line}.ts`]).toEqual([]);
  });

  it("catches an example that would not compile", () => {
    expect(problems["readme-broken.ts"]?.join("\n")).toMatch(/createCopernicaClent/);
  });
});
