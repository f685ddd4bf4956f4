// A page that uses the client as a browser bundle. It reads the mock's URL from its own query
// string, so the page and the API live on two origins, and exposes a few actions to the test.
import { CopernicaError, createCopernicaClient } from "@copernica-openapi/client";

const api = new URL(location.href).searchParams.get("api") ?? "";
const copernica = createCopernicaClient({
  accessToken: "browser-page-token",
  baseUrl: api,
  retry: false,
});

function show(title: string, rows: unknown[]): void {
  const section = document.createElement("section");
  const heading = document.createElement("h2");
  heading.textContent = title;
  const list = document.createElement("ol");
  for (const row of rows) {
    const item = document.createElement("li");
    item.textContent = JSON.stringify(row);
    list.append(item);
  }
  section.append(heading, list);
  document.body.append(section);
}

const DAY = { begintime: "2024-06-03 00:00:00", endtime: "2024-06-03 23:59:59" };

/** Every click of one day, through paginate with small pages so that it takes several. */
async function everyClick(limit: number): Promise<unknown[]> {
  const clicks: unknown[] = [];
  for await (const click of copernica.paginate("/v3/ms/clicks", {
    params: { query: { ...DAY, limit } },
  })) {
    clicks.push(click);
  }
  show(`Every click of ${DAY.begintime.slice(0, 10)} (paginate, ${limit} a page)`, clicks);
  return clicks;
}

async function clicksPage(start: number, limit: number): Promise<unknown[]> {
  const page = await copernica.get("/v3/ms/clicks", {
    params: { query: { ...DAY, start, limit } },
  });
  show(`Clicks ${start} to ${start + limit - 1}`, page.data);
  return page.data;
}

async function failure(): Promise<Record<string, unknown>> {
  try {
    await copernica.get("/v3/ms/impressions", {
      headers: { Prefer: "code=503, example=loadBalancer" },
    });
    return { thrown: false };
  } catch (error) {
    const thrown = error instanceof CopernicaError;
    const { kind, status, message } = error as CopernicaError;
    show("The API failed", [message]);
    return { thrown, kind, status, message, string: String(error) };
  }
}

Object.assign(window, { copernicaPage: { everyClick, clicksPage, failure } });
document.body.dataset.ready = "true";
