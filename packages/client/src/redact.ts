/** What stands in for the access token wherever text could otherwise show it. */
export const REDACTED = "[REDACTED]";

/** The value of any `access_token` query parameter, whatever token it holds. */
const ACCESS_TOKEN_PARAM = /([?&](?:access_token|access%5Ftoken)=)[^&#\s"'<>\\]*/gi;

export type Redactor = (text: string) => string;

/**
 * Returns a function that removes `token` from a text: the value of every `access_token`
 * query parameter, and the token itself in each form a URL or a message may carry it
 * (as is, percent-encoded, form-encoded). `token` must not be empty (createCopernicaClient
 * refuses an empty one).
 */
export function createRedactor(token: string): Redactor {
  const forms = [
    ...new Set([
      token,
      encodeURIComponent(token),
      new URLSearchParams({ t: token }).toString().slice(2),
    ]),
  ]
    // Longest first, so that a form containing another is replaced whole.
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text.replace(ACCESS_TOKEN_PARAM, `$1${REDACTED}`);
    for (const form of forms) out = out.replaceAll(form, REDACTED);
    return out;
  };
}
