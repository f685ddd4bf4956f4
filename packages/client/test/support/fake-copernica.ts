import type { ServerResponse } from "node:http";
import { json, queryOf, type RecordedRequest } from "./recording-server.js";

/** Answers that Copernica and its load balancer really give, and the ways answers break. */
export const answers = {
  /** Copernica's catch-all failure: HTTP 400 with its JSON error body. */
  error400: (message: string) => (_request: RecordedRequest, res: ServerResponse) =>
    json(res, 400, { error: { message } }),
  /** The load balancer's HTML page for 502, 503 or 504. */
  loadBalancer: (status: 502 | 503 | 504) => (_request: RecordedRequest, res: ServerResponse) => {
    const body = `<html><head><title>${status} Service Unavailable</title></head><body><h1>Too many requests to handle</h1></body></html>`;
    res.writeHead(status, { "content-type": "text/html" }).end(body);
  },
  rateLimited: (retryAfter: string) => (_request: RecordedRequest, res: ServerResponse) => {
    res
      .writeHead(429, { "content-type": "text/plain", "retry-after": retryAfter })
      .end("Too Many Requests");
  },
  /** Never answers. */
  hang: () => () => {},
  /** Sends the headers and half the body, then nothing more. */
  hangMidBody: () => (_request: RecordedRequest, res: ServerResponse) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
    res.write('{"start":0,"limit":1000,');
  },
  /** Sends the headers and part of the body, then resets the connection. */
  resetMidBody: () => (_request: RecordedRequest, res: ServerResponse) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "5000" });
    res.write('{"start":0,"limit":1000,"count":2,"data":[{"ID":"1"},');
    setImmediate(() => res.socket?.resetAndDestroy());
  },
  /** A 200 whose body is not JSON at all. */
  malformed: () => (_request: RecordedRequest, res: ServerResponse) => {
    res.writeHead(200, { "content-type": "application/json" }).end("{start:0, data:[}");
  },
  /** A 200 whose JSON stops half-way (the length matches, so only the JSON is broken). */
  truncated: () => (_request: RecordedRequest, res: ServerResponse) => {
    res
      .writeHead(200, { "content-type": "application/json" })
      .end('{"start":0,"limit":1000,"count":1,"data":[{"ID":"1","ti');
  },
  /** A 200 with no body. */
  empty: () => (_request: RecordedRequest, res: ServerResponse) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "0" }).end();
  },
  /** A 200 whose body is an HTML page. */
  html200: () => (_request: RecordedRequest, res: ServerResponse) => {
    res
      .writeHead(200, { "content-type": "text/html" })
      .end("<html><body>Maintenance</body></html>");
  },
  /** A 200 whose body is Copernica's error object. */
  error200: (message: string) => (_request: RecordedRequest, res: ServerResponse) =>
    json(res, 200, { error: { message } }),
};

export type Answer = (request: RecordedRequest, res: ServerResponse) => void;

/** Plays the given answers in order, then the last one for every further request. */
export function sequence(...steps: Answer[]): Answer {
  let next = 0;
  return (request, res) => {
    const step = steps[Math.min(next++, steps.length - 1)];
    step?.(request, res);
  };
}

export interface ListOptions {
  /** The largest page the server gives, whatever the request asks (Copernica caps at 1000). */
  cap?: number;
  /** Leave `total` out even when the request does not ask for total=false. */
  omitTotal?: boolean;
  /** Ignore `start` and always answer the first page. */
  ignoreStart?: boolean;
  /** Answer the n-th request (1-based) with this instead; the request after it is served normally. */
  faults?: Record<number, Answer>;
  /** Called before each page is served, e.g. to add items that arrive meanwhile. */
  beforePage?: (requestNumber: number) => void;
}

/**
 * A v3 list the way Copernica serves it: the envelope, offset paging with `start` and
 * `limit`, `total` unless `total=false`, and `fields[]=id>N` / `id<N` / `timestamp...`
 * conditions as the Publisher statistics understand them (ANDed, ordered by ID).
 */
export function listOf(items: Record<string, unknown>[], options: ListOptions = {}): Answer {
  let served = 0;
  return (request, res) => {
    served++;
    const fault = options.faults?.[served];
    if (fault) return fault(request, res);
    options.beforePage?.(served);
    const query = queryOf(request);
    const start = Number(query.get("start") ?? 0);
    const limit = Math.min(Number(query.get("limit") ?? 100), options.cap ?? 1000);
    let rows = items;
    for (const condition of query.getAll("fields[]")) {
      const match = /^id(>|<)(\d+)$/.exec(condition);
      if (!match) continue;
      const bound = BigInt(match[2] ?? 0);
      rows = rows.filter((row) =>
        match[1] === ">" ? BigInt(row.ID as string) > bound : BigInt(row.ID as string) < bound,
      );
    }
    if (query.getAll("fields[]").length > 0)
      rows = [...rows].sort((a, b) => Number(BigInt(a.ID as string) - BigInt(b.ID as string)));
    const offset = options.ignoreStart ? 0 : start;
    const data = rows.slice(offset, offset + limit);
    const total = query.get("total") === "false" || options.omitTotal ? {} : { total: rows.length };
    json(res, 200, { start, limit, count: data.length, ...total, data });
  };
}

/** `n` impressions with IDs `first`, `first + 1`, ... */
export function impressions(n: number, first = 1): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, index) => ({
    ID: String(first + index),
    mailing: "412",
    timestamp: "2024-03-31 02:30:00",
    ip: "2a03:e280:0:1::1",
    useragent: "Mozilla/5.0",
    device: "desktop",
    destination: "112",
  }));
}
