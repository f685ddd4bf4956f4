import { inspect } from "node:util";

/**
 * A distinctive access token with characters that change under percent- and form-encoding,
 * so that a leak in any of its forms is caught.
 */
export const TOKEN = "tok-SeCrEt-7f3a9+/=&x y€";

/** The forms in which TOKEN could appear in a URL or message. */
export const TOKEN_FORMS = [
  TOKEN,
  encodeURIComponent(TOKEN),
  new URLSearchParams({ t: TOKEN }).toString().slice(2),
  "tok-SeCrEt-7f3a9",
];

/** Every way a caller, a logger or a test reporter might turn an error into text. */
export function renderings(error: unknown): Record<string, string> {
  const out: Record<string, string> = {
    String: String(error),
    inspect: inspect(error, { depth: 20, showHidden: true }),
    JSON: JSON.stringify(error) ?? "",
  };
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 20; depth++) {
    if (current instanceof Error) {
      out[`cause[${depth}].message`] = current.message;
      out[`cause[${depth}].stack`] = current.stack ?? "";
      out[`cause[${depth}].JSON`] = JSON.stringify(current) ?? "";
      current = current.cause;
    } else {
      out[`cause[${depth}]`] = inspect(current, { depth: 20 });
      current = undefined;
    }
  }
  return out;
}

/** The renderings of `error` that contain the token in any form (empty when it does not leak). */
export function leaksOf(error: unknown): string[] {
  return Object.entries(renderings(error))
    .filter(([, text]) => TOKEN_FORMS.some((form) => text.includes(form)))
    .map(([name]) => name);
}
