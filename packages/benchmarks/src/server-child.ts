// A stand-in for Copernica's /v3/ms/clicks on 127.0.0.1 and a free port, run in a process of
// its own so that serving costs nothing to the process being measured. Usage:
//   node server-child.js <events>
// It prints {"url": ...} once listening, and exits when its standard input closes.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { clicks, pageBody } from "./data.js";

const events = Number(process.argv[2] ?? 1000);
if (!Number.isInteger(events) || events < 0) throw new RangeError(`bad event count ${events}`);
const items = clicks(events);
const pages = new Map<string, Buffer>();

const server = createServer((req, res) => {
  const query = new URL(req.url ?? "/", "http://127.0.0.1").searchParams;
  if (!query.get("access_token")) {
    res.writeHead(400, { "content-type": "application/json" });
    res.end('{"error":{"message":"Invalid access token"}}');
    return;
  }
  const start = Number(query.get("start") ?? 0);
  const limit = Math.min(Number(query.get("limit") ?? 100), 1000);
  const key = `${start}:${limit}`;
  let body = pages.get(key);
  if (!body) {
    body = Buffer.from(pageBody(items, start, limit));
    pages.set(key, body);
  }
  res.writeHead(200, { "content-type": "application/json", "content-length": body.byteLength });
  res.end(body);
});
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
