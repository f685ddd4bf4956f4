import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

// `changeset version` reads each pending changeset's front matter: the packages it bumps and
// how. A formatter that rewrites it (one turned `"pkg": minor` plus `---` into a heading) would
// only break the release; this catches it when it happens. After a release none are pending.
const folder = fileURLToPath(new URL("../../.changeset/", import.meta.url));
const PUBLISHED = ["@copernica-openapi/client", "@copernica-openapi/spec"];
// Front matter, which may name no package (`changeset add --empty`), then any summary; either
// quote, and line ends as a Windows checkout may have them.
const FRONT_MATTER = /^---\r?\n((?:(["'])[^"'\r\n]+\2: (?:patch|minor|major)\r?\n)*)---(?:\r?\n|$)/;

it("every pending changeset opens with front matter naming published packages and a bump", () => {
  const pending = readdirSync(folder).filter(
    (name) => name.endsWith(".md") && name !== "README.md",
  );
  for (const name of pending) {
    const match = FRONT_MATTER.exec(readFileSync(`${folder}${name}`, "utf8"));
    expect(
      match,
      `${name}: ---, then lines of "package": patch|minor|major, then ---`,
    ).not.toBeNull();
    for (const [, , found] of (match?.[1] ?? "").matchAll(/(["'])([^"']+)\1/g))
      expect(PUBLISHED, `${name} names ${found}`).toContain(found);
  }
});
