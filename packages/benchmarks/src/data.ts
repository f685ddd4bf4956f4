import type { MsClick } from "@copernica-openapi/client";

/** A small deterministic PRNG (mulberry32), so every run serves the same bytes. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Links as they stand in Copernica templates: personalization code included, as in the
// example of Copernica's clicks page.
const LINKS = [
  "http://www.myshop.nl/promotions/customer/{$profile.customerid}",
  "https://www.myshop.nl/",
  "https://www.myshop.nl/sale?utm_source=newsletter&utm_medium=email&utm_campaign=spring",
  "https://www.myshop.nl/products/garden-chair-teak-2-pack?utm_source=newsletter",
  "https://www.myshop.nl/account/preferences?email={$profile.email|escape:'url'}",
  "https://www.myshop.nl/unsubscribe?id={$profile.id}&code={$profile.code}",
  "https://www.facebook.com/myshop",
  "https://www.instagram.com/myshop/",
];
const USER_AGENTS = [
  "Mozilla/5.0 (Ubuntu; X11; Linux x86_64; rv:8.0) Gecko/20100101 Firefox/8.0",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
  "Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
  "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17126; Pro)",
];

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * `count` Marketing Suite clicks shaped as Copernica's `/v3/ms/clicks` serves them (the
 * fields of its example: ID, mailing, link, timestamp, ip, useragent, destination), with
 * IDs and timestamps ascending and the other fields varied as real traffic varies them.
 */
export function clicks(count: number, seed = 6): MsClick[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const began = Date.UTC(2024, 2, 1);
  const items: MsClick[] = [];
  let ms = began;
  for (let i = 0; i < count; i++) {
    ms += Math.floor(next() * 20_000);
    const at = new Date(ms);
    const ip =
      next() < 0.7
        ? `${1 + Math.floor(next() * 223)}.${Math.floor(next() * 256)}.${Math.floor(next() * 256)}.${Math.floor(next() * 256)}`
        : `2a03:e280:${Math.floor(next() * 65_536).toString(16)}:1::${Math.floor(next() * 65_536).toString(16)}`;
    items.push({
      ID: String(3_000_000 + i),
      mailing: String(400 + Math.floor(next() * 12)),
      link: pick(LINKS),
      timestamp: `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(
        at.getUTCHours(),
      )}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`,
      ip,
      useragent: pick(USER_AGENTS),
      destination: String(800_000 + Math.floor(next() * 200_000)),
    });
  }
  return items;
}

/** The body of a `/v3/ms/clicks` page with `total=false`, as Copernica writes it. */
export function pageBody(items: readonly MsClick[], start: number, limit: number): string {
  const data = items.slice(start, start + limit);
  return JSON.stringify({ start, limit, count: data.length, data });
}
