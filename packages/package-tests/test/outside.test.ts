// The published packages as a user meets them: packed into tarballs, installed with npm into a
// fresh project outside the workspace, then type-checked, bundled and run on every supported
// Node against the mock server that the spec package ships. Nothing here reads the workspace's
// copies of the packages: a file missing from a tarball fails these tests.
//
// npm installs once, on the running Node: what it installs does not depend on the Node (no
// package has an install script, and npm does not choose versions by engines). On every other
// Node, npm re-checks that installed tree against that Node with --engine-strict.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, posix, relative } from "node:path";
import { currentMajor, findNode, SUPPORTED_NODE_MAJORS } from "@copernica-openapi/node-matrix";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Ran, run, runOk, type Started, startServer, workspaceRoot } from "../src/run.js";

const packageDirs = {
  client: join(workspaceRoot, "packages", "client"),
  spec: join(workspaceRoot, "spec"),
} as const;
type PackageKey = keyof typeof packageDirs;
const packageNames: Record<PackageKey, string> = {
  client: "@copernica-openapi/client",
  spec: "@copernica-openapi/spec",
};

const fixtures = join(import.meta.dirname, "..", "fixtures");
const ownManifest = JSON.parse(
  readFileSync(join(import.meta.dirname, "..", "package.json"), "utf8"),
);
// The outside project type-checks with the TypeScript and Node types this workspace pins.
const toolchain = ["typescript", "@types/node"].map(
  (name) => `${name}@${ownManifest.devDependencies[name]}`,
);
const workspaceSpec = readFileSync(join(packageDirs.spec, "dist", "openapi.json"), "utf8");
const operationCount = Object.keys(JSON.parse(workspaceSpec).paths).length;
const rootLicense = readFileSync(join(workspaceRoot, "LICENSE"), "utf8");
// A made-up token: it must still never show up in anything the programs print.
const token = `outside-${randomBytes(12).toString("hex")}`;

let root: string;
const tarballs = {} as Record<PackageKey, string>;
/** The outside project, installed by npm on the running Node: compiled, bundled and run on every Node. */
let project: string;
let projectInstall: Ran;

/** Every file under `dir`, as a sorted list of `/`-separated relative paths. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .filter((file) => !file.startsWith("node_modules/"))
    .sort();
}

/**
 * `npm install --engine-strict` in `dir`, with npm running on `node` (first on the PATH).
 * With `packages`, a fresh install of them; without, npm re-checks the installed tree, which
 * fails when a package's engines exclude that Node.
 */
async function npmInstall(
  dir: string,
  node: { path: string; version: string },
  packages: string[] = [],
): Promise<Ran> {
  const versions = JSON.parse(
    (await runOk("npm", ["version", "--json"], { cwd: dir, node: node.path })).stdout,
  );
  expect(`v${versions.node}`, "npm runs on the Node under test").toBe(node.version);
  return runOk(
    "npm",
    ["install", "--engine-strict", "--prefer-offline", "--no-audit", "--no-fund", ...packages],
    { cwd: dir, node: node.path, timeoutMs: 280_000 },
  );
}

/** npm's complaints that mean the install was not clean on this runtime. */
function installProblems(install: Ran): string[] {
  return `${install.stdout}\n${install.stderr}`
    .split("\n")
    .filter((line) => /EBADENGINE|ERESOLVE|peer dep|install-?scripts|gyp|deprecated/i.test(line));
}

/** Relative module specifiers in a JavaScript or declaration file. */
function relativeSpecifiers(source: string): string[] {
  const pattern = /(?:from\s+|import\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g;
  return [...source.matchAll(pattern)].map((match) => match[1] ?? "");
}

function summaryOf(ran: Ran): Record<string, unknown> {
  expect(`${ran.stdout}${ran.stderr}`).not.toContain(token);
  const last = ran.stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(last);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "copernica-outside-"));
  const pnpm = join(workspaceRoot, "node_modules", ".bin", "pnpm");
  for (const key of Object.keys(packageDirs) as PackageKey[]) {
    const packed = await runOk(
      pnpm,
      ["pack", "--json", "--pack-destination", join(root, "tarballs")],
      {
        cwd: packageDirs[key],
      },
    );
    tarballs[key] = JSON.parse(packed.stdout).filename;
    expect(existsSync(tarballs[key])).toBe(true);
  }
  project = join(root, "project");
  await mkdir(project);
  await writeFile(
    join(project, "package.json"),
    `${JSON.stringify({ name: "outside-project", version: "0.0.0", private: true }, null, 2)}\n`,
  );
  projectInstall = await npmInstall(project, findNode(currentMajor), [
    tarballs.client,
    tarballs.spec,
    ...toolchain,
  ]);
  await cp(fixtures, project, { recursive: true });
});

afterAll(async () => {
  if (!root) return;
  if (process.env.KEEP_OUTSIDE_PROJECT) console.log(`The outside projects are kept in ${root}`);
  else await rm(root, { recursive: true, force: true });
});

describe("the packed packages", () => {
  const installed = (key: PackageKey) =>
    join(project, "node_modules", ...packageNames[key].split("/"));

  it("install with npm on a fresh project without complaints", () => {
    expect(installProblems(projectInstall)).toEqual([]);
    for (const key of Object.keys(packageDirs) as PackageKey[]) {
      expect(existsSync(join(installed(key), "package.json")), packageNames[key]).toBe(true);
    }
  });

  it("ship the client's code and declarations, its README, CHANGELOG and LICENSE, and nothing else", async () => {
    const dir = installed("client");
    const files = await listFiles(dir);
    expect(files).toEqual(
      expect.arrayContaining([
        "CHANGELOG.md",
        "LICENSE",
        "README.md",
        "dist/index.d.ts",
        "dist/index.js",
        "package.json",
      ]),
    );
    const unexpected = files.filter(
      (file) =>
        !/^(?:package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/.+\.(?:js|d\.ts))$/.test(file),
    );
    expect(unexpected, "no sources, tests, maps or configuration").toEqual([]);
    // Every module comes with its declarations, and every declaration with its module.
    for (const file of files.filter((name) => name.endsWith(".js"))) {
      expect(files, `declarations of ${file}`).toContain(file.replace(/\.js$/, ".d.ts"));
    }
    for (const file of files.filter((name) => name.endsWith(".d.ts"))) {
      expect(files, `module of ${file}`).toContain(file.replace(/\.d\.ts$/, ".js"));
    }
  });

  it.each(["client", "spec"] as const)(
    "%s: every relative import in the package points at a file in the package",
    async (key) => {
      const dir = installed(key);
      const files = await listFiles(dir);
      for (const file of files.filter((name) => /\.(?:js|d\.ts)$/.test(name))) {
        const source = await readFile(join(dir, file), "utf8");
        for (const specifier of relativeSpecifiers(source)) {
          const target = posix.join(posix.dirname(file), specifier);
          // A module needs the module it imports; a declaration file, its declarations.
          const needed = file.endsWith(".d.ts") ? target.replace(/\.js$/, ".d.ts") : target;
          expect(files, `${file} imports ${specifier}`).toContain(needed);
        }
      }
    },
  );

  it("ship the spec's bundled description, reference, mock and its README, CHANGELOG and LICENSE", async () => {
    const dir = installed("spec");
    expect(await listFiles(dir)).toEqual(
      [
        "CHANGELOG.md",
        "LICENSE",
        "README.md",
        "bin/copernica-mock.js",
        "dist/cli.d.ts",
        "dist/cli.js",
        "dist/generate.d.ts",
        "dist/generate.js",
        "dist/index.html",
        "dist/mock.d.ts",
        "dist/mock.js",
        "dist/openapi.json",
        "dist/openapi.yaml",
        "package.json",
      ].sort(),
    );
    expect(readFileSync(join(dir, "dist", "openapi.json"), "utf8")).toBe(workspaceSpec);
    expect(existsSync(join(project, "node_modules", ".bin", "copernica-mock"))).toBe(true);
  });

  it.each(["client", "spec"] as const)(
    "%s: the manifest is publishable: license, engines, exports that exist, no workspace: versions",
    async (key) => {
      const dir = installed(key);
      const text = await readFile(join(dir, "package.json"), "utf8");
      expect(text).not.toContain("workspace:");
      const manifest = JSON.parse(text);
      expect(manifest).toMatchObject({
        license: "MIT",
        type: "module",
        engines: { node: ">=20.19" },
      });
      expect(readFileSync(join(dir, "LICENSE"), "utf8")).toBe(rootLicense);
      expect(readFileSync(join(dir, "CHANGELOG.md"), "utf8")).toContain(`## ${manifest.version}\n`);
      const targets: string[] = [];
      const collect = (value: unknown): void => {
        if (typeof value === "string") targets.push(value);
        else if (value && typeof value === "object") Object.values(value).forEach(collect);
      };
      collect(manifest.exports);
      collect(manifest.bin);
      expect(targets.length).toBeGreaterThan(1);
      for (const target of targets) expect(existsSync(join(dir, target)), target).toBe(true);
      if (key === "client") expect(manifest.sideEffects).toBe(false);
    },
  );

  it("the client's README opens with a working example", async () => {
    const readme = await readFile(join(installed("client"), "README.md"), "utf8");
    const firstHeading = readme.indexOf("\n## ");
    const firstBlock = /```(\w*)\n/.exec(readme);
    expect(firstBlock?.[1], "the first code block is TypeScript").toBe("ts");
    expect(firstBlock?.index ?? Infinity, "before the first section").toBeLessThan(firstHeading);
    // Every complete program in the README (a block that starts with an import) becomes a
    // file of the outside project: type-checked below and run against the mock on every Node.
    const programs = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
      .map((match) => match[1] ?? "")
      .filter((code) => code.startsWith("import "));
    expect(programs[0], "the opening example is a complete program").toBe(
      /```ts\n([\s\S]*?)```/.exec(readme)?.[1],
    );
    for (const [index, code] of programs.entries()) {
      await writeFile(join(project, "src", `readme-${index + 1}.mts`), code);
    }
  });
});

describe("type-checking a user's program with strict", () => {
  const tsc = () => join(project, "node_modules", "typescript", "bin", "tsc");

  it("under module and moduleResolution nodenext, ESM and CommonJS (and compiles it)", async () => {
    const ran = await run(process.execPath, [tsc(), "--project", "tsconfig.nodenext.json"], {
      cwd: project,
    });
    expect(ran.stdout + ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    expect(existsSync(join(project, "out", "esm.mjs"))).toBe(true);
    expect(existsSync(join(project, "out", "cjs.cjs"))).toBe(true);
    expect(readFileSync(join(project, "out", "cjs.cjs"), "utf8")).toContain(
      'require("@copernica-openapi/client")',
    );
  });

  it("under moduleResolution bundler, with the DOM and without Node's types", async () => {
    const ran = await run(process.execPath, [tsc(), "--project", "tsconfig.bundler.json"], {
      cwd: project,
    });
    expect(ran.stdout + ran.stderr).toBe("");
    expect(ran.code).toBe(0);
  });

  it("and a bundler (esbuild) bundles it for the browser", async () => {
    const result = await build({
      absWorkingDir: project,
      entryPoints: ["src/bundler.ts"],
      outfile: "out/bundle.mjs",
      bundle: true,
      platform: "browser",
      format: "esm",
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain("node_modules/@copernica-openapi/client/dist/index.js");
    expect(inputs.some((input) => input.startsWith("node_modules/openapi-fetch/"))).toBe(true);
    const bundle = readFileSync(join(project, "out", "bundle.mjs"), "utf8");
    expect(bundle).not.toMatch(/\bimport\s*(?:[\w{}*\s,]+from\s*)?["']/);
  });
});

describe.each(SUPPORTED_NODE_MAJORS)("on Node %i", (major) => {
  let node: string;
  let mock: Started;
  const env = () => ({ MOCK_URL: mock.url, COPERNICA_TOKEN: token });

  beforeAll(async () => {
    node = findNode(major).path;
    // The mock server, from the installed spec package's bin, on this Node.
    const bin = join(
      project,
      "node_modules",
      "@copernica-openapi",
      "spec",
      "bin",
      "copernica-mock.js",
    );
    mock = await startServer(node, bin, ["--port", "0", "--quiet"], /listening on (http:\/\/\S+)/, {
      cwd: project,
      node,
    });
  });
  afterAll(() => mock?.close());

  it("npm finds every installed package fit for this Node (--engine-strict)", async () => {
    const install =
      major === currentMajor ? projectInstall : await npmInstall(project, findNode(major));
    expect(installProblems(install)).toEqual([]);
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("the packed mock also serves generated data, the same for the same seed", async () => {
    const bin = join(
      project,
      "node_modules",
      "@copernica-openapi",
      "spec",
      "bin",
      "copernica-mock.js",
    );
    const generated = await startServer(
      node,
      bin,
      ["--port", "0", "--quiet", "--mode", "generated", "--seed", "5"],
      /listening on (http:\/\/\S+)/,
      { cwd: project, node },
    );
    try {
      const page = async () =>
        (await fetch(`${generated.url}/v3/ms/clicks?access_token=x&limit=3`)).json() as Promise<{
          data: { ID: string }[];
        }>;
      const first = await page();
      expect(first.data).toHaveLength(3);
      expect(first.data.map(({ ID }) => ID).every((id) => /^\d+$/.test(id))).toBe(true);
      expect(await page()).toEqual(first);
    } finally {
      await generated.close();
    }
  });

  const expected = {
    pages: 3,
    clicks: 3,
    firstLink: "http://www.myshop.nl/promotions/customer/{$profile.customerid}",
  };

  it("runs the ES module program", async () => {
    const ran = await runOk(node, ["out/esm.mjs"], { cwd: project, node, env: env() });
    expect(summaryOf(ran)).toEqual({
      program: "esm",
      node: findNode(major).version,
      ...expected,
      operations: operationCount,
      specFile: true,
      resolved: true,
      errorClass: true,
      defaultBaseUrl: "https://api.copernica.com",
    });
  });

  it("runs the CommonJS program, which require()s both packages", async () => {
    const ran = await runOk(node, ["out/cjs.cjs"], { cwd: project, node, env: env() });
    expect(summaryOf(ran)).toEqual({
      program: "cjs",
      node: findNode(major).version,
      ...expected,
      operations: operationCount,
      requiredOperations: operationCount,
      specFile: true,
      errorClass: true,
      defaultBaseUrl: "https://api.copernica.com",
    });
    // Loading ES modules with require() is not experimental on any supported Node.
    expect(ran.stderr).not.toMatch(/ExperimentalWarning/);
  });

  it("runs the browser bundle", async () => {
    const ran = await runOk(node, ["run-bundle.mjs"], { cwd: project, node, env: env() });
    expect(summaryOf(ran)).toEqual({
      program: "bundle",
      node: findNode(major).version,
      ...expected,
    });
  });

  it("runs every program in the client's README, with api.copernica.com sent to the mock", async () => {
    const examples = (await readdir(join(project, "out"))).filter((file) =>
      /^readme-\d+\.mjs$/.test(file),
    );
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples.sort()) {
      const ran = await run(node, ["--import", "./redirect-fetch.mjs", join("out", example)], {
        cwd: project,
        node,
        env: env(),
        timeoutMs: 60_000,
      });
      expect(`${ran.stdout}${ran.stderr}`).not.toContain(token);
      expect({ example, code: ran.code, stderr: ran.stderr }).toEqual({
        example,
        code: 0,
        stderr: "",
      });
    }
    const opening = await run(node, ["--import", "./redirect-fetch.mjs", "out/readme-1.mjs"], {
      cwd: project,
      node,
      env: env(),
    });
    // The opening example prints each click: the one in the mock's example page.
    expect(opening.stdout).toContain(expected.firstLink);
  });
});
