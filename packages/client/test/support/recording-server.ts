import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";

export interface RecordedRequest {
  method: string;
  /** The request target exactly as it arrived: path and raw query string. */
  rawUrl: string;
  headers: IncomingMessage["headers"];
}

export type Handler = (request: RecordedRequest, res: ServerResponse) => void;

export interface RecordingServer {
  url: string;
  requests: RecordedRequest[];
  /** Replaces the handler for the requests that follow. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** A node:http server on 127.0.0.1 and a free port that records every request it gets. */
export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  let handler: Handler = (_request, res) =>
    json(res, 200, { start: 0, limit: 100, count: 0, data: [] });
  const server = createServer((req, res) => {
    const recorded = { method: req.method ?? "", rawUrl: req.url ?? "", headers: req.headers };
    requests.push(recorded);
    handler(recorded, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * One recording server for the tests of a file: started before them, closed after them, its
 * recorded requests cleared before each test. The handler set by a test stays until replaced.
 */
export function useRecordingServer(): RecordingServer {
  let server: RecordingServer | undefined;
  const started = () => {
    if (!server) throw new Error("the recording server is started in beforeAll; use it in tests");
    return server;
  };
  beforeAll(async () => {
    server = await startRecordingServer();
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    started().requests.length = 0;
  });
  return {
    get url() {
      return started().url;
    },
    get requests() {
      return started().requests;
    },
    handle: (handler) => started().handle(handler),
    close: () => started().close(),
  };
}

/** The query string of a recorded request, parsed the way PHP (and so Copernica) parses it. */
export function queryOf(request: RecordedRequest): URLSearchParams {
  return new URL(request.rawUrl, "http://recorded.invalid").searchParams;
}
