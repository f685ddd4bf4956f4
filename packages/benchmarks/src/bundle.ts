import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "rolldown";

export interface BundleSize {
  name: string;
  /** What the entry exports. */
  entry: string;
  minifiedBytes: number;
  gzipBytes: number;
}

export interface BundleResults {
  bundles: BundleSize[];
  /** gzip bytes of each bundle against openapi-fetch alone. */
  ratios: Record<string, number>;
}

const ENTRIES = [
  { name: "openapi-fetch", file: "openapi-fetch.js", entry: "everything openapi-fetch exports" },
  {
    name: "client: createCopernicaClient",
    file: "client-create.js",
    entry: "createCopernicaClient alone (what most code imports)",
  },
  { name: "client: everything", file: "client.js", entry: "the client's whole public API" },
] as const;

async function sizeOf(file: string): Promise<{ minifiedBytes: number; gzipBytes: number }> {
  const output = await build({
    input: fileURLToPath(new URL(`../bundle/${file}`, import.meta.url)),
    platform: "browser",
    write: false,
    logLevel: "silent",
    treeshake: true,
    output: { format: "esm", minify: true },
  });
  if (output.output.length !== 1) throw new Error(`${file}: expected one chunk`);
  const chunk = output.output[0];
  if (chunk.type !== "chunk") throw new Error(`${file}: not a chunk`);
  const code = Buffer.from(chunk.code);
  return { minifiedBytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength };
}

/**
 * The client as a browser bundle (rolldown, minified, ES module, tree-shaken, dependencies
 * included), gzipped at level 9, against openapi-fetch alone bundled the same way.
 */
export async function benchBundle(): Promise<BundleResults> {
  const bundles: BundleSize[] = [];
  for (const { name, file, entry } of ENTRIES)
    bundles.push({ name, entry, ...(await sizeOf(file)) });
  const base = bundles[0] as BundleSize;
  return {
    bundles,
    ratios: Object.fromEntries(
      bundles.map((bundle) => [bundle.name, bundle.gzipBytes / base.gzipBytes]),
    ),
  };
}
