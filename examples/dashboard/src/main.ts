// An example statistics screen on the mock server: Marketing Suite impressions and clicks in
// a period, ten rows at a time, through @copernica-openapi/client.
import {
  CopernicaError,
  createCopernicaClient,
  type MsClick,
  type MsImpression,
} from "@copernica-openapi/client";
import "./style.css";
import { inputToCopernica } from "./time.js";

/** Where the API is: `?api=<url>` on the page's address, else the mock's default address. */
const DEFAULT_API = "http://127.0.0.1:4010";
/**
 * The mock accepts any access token. A real dashboard never holds a Copernica token in the
 * browser: it calls its own server, which holds the token and calls Copernica.
 */
const MOCK_TOKEN = "mock-token-not-a-secret";

type Kind = "impressions" | "clicks";
type Row = MsImpression | MsClick;
interface Columns {
  heading: string;
  cell(row: Row): string;
  className?: string;
}

const columns: Record<Kind, Columns[]> = {
  impressions: [
    { heading: "ID", cell: (row) => row.ID },
    { heading: "Time", cell: (row) => row.timestamp },
    { heading: "Mailing", cell: (row) => row.mailing },
    { heading: "Device", cell: (row) => ("device" in row ? row.device : "") },
    { heading: "IP address", cell: (row) => row.ip },
    { heading: "User agent", cell: (row) => row.useragent, className: "agent" },
  ],
  clicks: [
    { heading: "ID", cell: (row) => row.ID },
    { heading: "Time", cell: (row) => row.timestamp },
    { heading: "Mailing", cell: (row) => row.mailing },
    { heading: "Link", cell: (row) => ("link" in row ? row.link : "") },
    { heading: "IP address", cell: (row) => row.ip },
    { heading: "User agent", cell: (row) => row.useragent, className: "agent" },
  ],
};

function element<T extends Element>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`The page has no ${selector}`);
  return found;
}

const form = element<HTMLFormElement>("[data-testid=filters]");
const status = element<HTMLElement>("[data-testid=status]");
const errorBox = element<HTMLElement>("[data-testid=error]");
const table = element<HTMLTableElement>("[data-testid=rows]");
const previous = element<HTMLButtonElement>("[data-testid=previous]");
const next = element<HTMLButtonElement>("[data-testid=next]");
const field = <T extends HTMLInputElement | HTMLSelectElement>(name: string) =>
  element<T>(`[name=${name}]`);

const api = new URLSearchParams(location.search).get("api") ?? DEFAULT_API;
element("[data-testid=api]").textContent = api;
element("[data-testid=token]").textContent = "hidden";
field<HTMLInputElement>("from").value = "2024-06-01T00:00:00";
field<HTMLInputElement>("to").value = "2024-06-30T23:59:59";

const copernica = createCopernicaClient({
  accessToken: MOCK_TOKEN,
  baseUrl: api,
  timeoutMs: 10_000,
  // Retry a 502/503/504 once, quickly: a screen should show the failure, not wait a minute.
  retry: { attempts: 2, baseDelayMs: 200, maxElapsedMs: 2_000 },
});

let start = 0;
let request = 0;

async function show(): Promise<void> {
  const ticket = ++request;
  const kind = field<HTMLSelectElement>("kind").value as Kind;
  const limit = Number(field<HTMLSelectElement>("limit").value);
  const scenario = field<HTMLSelectElement>("scenario").value;
  const begintime = inputToCopernica(field<HTMLInputElement>("from").value);
  const endtime = inputToCopernica(field<HTMLInputElement>("to").value);
  if (!begintime || !endtime) {
    fail("Choose a period: both From and To need a date and a time.");
    return;
  }

  table.setAttribute("aria-busy", "true");
  previous.disabled = next.disabled = true;
  status.textContent = "Loading…";
  const init = {
    params: { query: { begintime, endtime, start, limit } },
    // Only the mock reads Prefer: it picks a documented example or error.
    headers: scenario ? { Prefer: scenario } : {},
  };
  try {
    const page =
      kind === "clicks"
        ? await copernica.get("/v3/ms/clicks", init)
        : await copernica.get("/v3/ms/impressions", init);
    if (ticket !== request) return;
    errorBox.hidden = true;
    render(kind, page.data);
    const first = page.start + 1;
    const last = page.start + page.data.length;
    const of = page.total === undefined ? "" : ` of ${page.total.toLocaleString("en")}`;
    status.textContent =
      page.data.length === 0
        ? `No ${kind} between ${begintime} and ${endtime}${start > 0 ? " from here on" : ""}.`
        : `${kind === "clicks" ? "Clicks" : "Impressions"} ${first}–${last}${of}`;
    previous.disabled = start === 0;
    // Copernica's advice: there is a next page while a page is full; `total` may be absent.
    next.disabled = page.data.length < limit;
  } catch (error) {
    if (ticket !== request) return;
    fail(describe(error));
    previous.disabled = start === 0;
  } finally {
    if (ticket === request) table.removeAttribute("aria-busy");
  }
}

function describe(error: unknown): string {
  if (error instanceof CopernicaError) {
    const said = error.serverMessage ? `: ${error.serverMessage}` : "";
    return error.status === undefined
      ? `Could not reach the API (${error.kind}). Is the mock server running at ${api}?`
      : `The API answered ${error.status}${said}.`;
  }
  return `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;
}

function fail(message: string): void {
  render(field<HTMLSelectElement>("kind").value as Kind, []);
  status.textContent = "";
  errorBox.textContent = message;
  errorBox.hidden = false;
}

function render(kind: Kind, rows: readonly Row[]): void {
  const headings = table.tHead?.rows[0];
  headings?.replaceChildren(
    ...columns[kind].map((column) => {
      const th = document.createElement("th");
      th.textContent = column.heading;
      return th;
    }),
  );
  // textContent only: the data is shown, never parsed as HTML.
  table.tBodies[0]?.replaceChildren(
    ...rows.map((row) => {
      const tr = document.createElement("tr");
      for (const column of columns[kind]) {
        const td = document.createElement("td");
        td.textContent = column.cell(row);
        if (column.className) td.className = column.className;
        tr.append(td);
      }
      return tr;
    }),
  );
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  start = 0;
  void show();
});
for (const name of ["kind", "limit", "scenario"]) {
  field(name).addEventListener("change", () => form.requestSubmit());
}
previous.addEventListener("click", () => {
  start = Math.max(0, start - Number(field<HTMLSelectElement>("limit").value));
  void show();
});
next.addEventListener("click", () => {
  start += Number(field<HTMLSelectElement>("limit").value);
  void show();
});

void show();
