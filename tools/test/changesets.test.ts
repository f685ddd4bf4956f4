import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// `changeset version` reads each pending changeset's front matter: the packages it bumps and
// how. A formatter that rewrites it (one turned `"pkg": minor` plus `---` into a heading) would
// only break the release; this catches it when it happens.
const folder = fileURLToPath(new URL("../../.changeset/", import.meta.url));
const pending = readdirSync(folder).filter((name) => name.endsWith(".md") && name !== "README.md");
const PUBLISHED = ["@copernica-openapi/client", "@copernica-openapi/spec"];

describe.each(pending)(".changeset/%s", (name) => {
  it("opens with front matter that names published packages and a bump, then says what changed", () => {
    const text = readFileSync(`${folder}${name}`, "utf8");
    const match = /^---\n((?:"[^"\n]+": (?:patch|minor|major)\n)+)---\n\n(\S[\s\S]*)$/.exec(text);
    expect(match, 'front matter: ---, lines of "package": patch|minor|major, ---').not.toBeNull();
    const packages = [...(match?.[1] ?? "").matchAll(/"([^"]+)"/g)].map((found) => found[1]);
    for (const found of packages) expect(PUBLISHED).toContain(found);
  });
});
