// The typed client of the exclusive-talent API: openapi-fetch over the types that
// openapi-typescript generates from openapi.json (src/schema.d.ts, never edited by hand).
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, operations, paths } from "./schema";

export type { components, operations, paths };

/** A schema of the document by name, e.g. `Schema<"creator.OverviewView">`. */
export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];

export type ExclusiveTalentClient = Client<paths>;

/**
 * A client for the API at `baseUrl` (e.g. `https://api.example.com`, without `/api`).
 * With a `token` (from `POST /api/auth/login`), every request carries `Authorization: Bearer <token>`.
 */
export function createExclusiveTalentClient(baseUrl: string, token?: string): ExclusiveTalentClient {
  const client = createClient<paths>({ baseUrl });
  if (token !== undefined) {
    const bearer: Middleware = {
      onRequest({ request }) {
        request.headers.set("Authorization", `Bearer ${token}`);
        return request;
      },
    };
    client.use(bearer);
  }
  return client;
}
