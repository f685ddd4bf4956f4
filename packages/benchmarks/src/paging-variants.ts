import { createCopernicaClient } from "@copernica-openapi/client";

/** What each variant does with an event: enough work that nothing can be optimised away. */
export interface Sink {
  count: number;
  check: number;
}

export const newSink = (): Sink => ({ count: 0, check: 0 });

function take(sink: Sink, item: { ID: string }): void {
  sink.count++;
  sink.check = (sink.check + item.ID.length) | 0;
}

export type PagingVariant = (baseUrl: string, sink: Sink, onItem?: () => void) => Promise<void>;

/** The baseline: the loop one would write by hand with fetch, pages of 1000 and total=false. */
export const rawLoop: PagingVariant = async (baseUrl, sink, onItem) => {
  for (let start = 0; ; start += 1000) {
    const response = await fetch(
      `${baseUrl}/v3/ms/clicks?access_token=bench-token&start=${start}&limit=1000&total=false`,
    );
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const page = JSON.parse(await response.text()) as { data: { ID: string }[] };
    for (const item of page.data) {
      take(sink, item);
      onItem?.();
    }
    if (page.data.length < 1000) return;
  }
};

/** The client: `for await` over `paginate`, with its defaults. */
export const paginate: PagingVariant = async (baseUrl, sink, onItem) => {
  const copernica = createCopernicaClient({ accessToken: "bench-token", baseUrl });
  for await (const item of copernica.paginate("/v3/ms/clicks")) {
    take(sink, item);
    onItem?.();
  }
};

export const pagingVariants = { "raw fetch loop": rawLoop, paginate } as const;
export type PagingVariantName = keyof typeof pagingVariants;
