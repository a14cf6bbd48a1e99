/**
 * Test support for the OData service: GETs under /odata with a key, and reading a feed to its
 * end by following `@odata.nextLink` as a client does. Next links are absolute URLs on the
 * gateway's public URL; the reader sends them to the test server instead, changing nothing else.
 */
import type { Row } from "@headgate/model";
import { type HttpAnswer, http } from "../testing/http.ts";
import type { TestGateway } from "../testing/test-gateway.ts";

export interface ODataTestClient {
  /** GET `/odata<path>`; `path` is sent as written (fetch percent-encodes what it must). */
  get(path: string, headers?: Readonly<Record<string, string>>): Promise<HttpAnswer>;
  /** GET an absolute URL the service produced (a next link). */
  follow(url: string, headers?: Readonly<Record<string, string>>): Promise<HttpAnswer>;
  /** Every page of a feed, following next links to the end. */
  readAll(path: string, headers?: Readonly<Record<string, string>>): Promise<FeedPages>;
}

export interface FeedPages {
  readonly pages: readonly HttpAnswer[];
  readonly rows: readonly Row[];
}

export function odataTestClient(gateway: TestGateway, key: string): ODataTestClient {
  const publicRoot = `${gateway.context.publicUrl}/odata`;
  const client: ODataTestClient = {
    get: (path, headers = {}) => http(`${gateway.url}/odata${path}`, { key, headers }),
    follow: (url, headers = {}) => {
      if (!url.startsWith(publicRoot)) throw new Error(`next link ${url} is not under ${publicRoot}`);
      return client.get(url.slice(publicRoot.length), headers);
    },
    readAll: async (path, headers = {}) => {
      const pages: HttpAnswer[] = [await client.get(path, headers)];
      for (let page = pages[0]; page?.body?.["@odata.nextLink"] !== undefined; page = pages.at(-1)) {
        if (pages.length > 500) throw new Error("paging did not end after 500 pages");
        pages.push(await client.follow(page.body["@odata.nextLink"], headers));
      }
      for (const page of pages) if (page.status !== 200) throw new Error(`page failed: ${page.text}`);
      return { pages, rows: pages.flatMap((page) => page.body.value as Row[]) };
    },
  };
  return client;
}
