import { describe, expect, it } from "vitest";
import { createRedactor, REDACTED } from "../src/redact.js";
import { TOKEN, TOKEN_FORMS } from "./support/secrets.js";

describe("createRedactor", () => {
  const redact = createRedactor(TOKEN);

  it.each(TOKEN_FORMS.slice(0, 3))("removes the token in the form %j", (form) => {
    expect(redact(`before ${form} after`)).toBe(`before ${REDACTED} after`);
  });

  it("blanks the value of any access_token parameter, whatever token it holds", () => {
    expect(redact("https://api.copernica.com/v3/ms/clicks?access_token=other&limit=5")).toBe(
      `https://api.copernica.com/v3/ms/clicks?access_token=${REDACTED}&limit=5`,
    );
    expect(redact("GET /v3/ms/clicks?limit=5&ACCESS_TOKEN=abc def")).toBe(
      `GET /v3/ms/clicks?limit=5&ACCESS_TOKEN=${REDACTED} def`,
    );
  });

  it("leaves text without the token as it is", () => {
    expect(redact("GET https://api.copernica.com/v3/ms/clicks?limit=5")).toBe(
      "GET https://api.copernica.com/v3/ms/clicks?limit=5",
    );
  });
});
