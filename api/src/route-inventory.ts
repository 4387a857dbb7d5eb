// Every route the service answers, read from the express app itself (not from a list kept by
// hand), so that the authorisation matrix (docs/authorisation.md) can be checked against it.
import type { Express } from "express";

/** One route: an HTTP method and express's path pattern, e.g. `GET /api/contracts/:id`. */
export interface RouteEntry {
  method: string;
  path: string;
}

/** What router 2.x's `listRoutes()` answers for each layer of a router (express 5's `app.router`). */
interface ListedRoute {
  path: string | RegExp;
  methods: string[] | undefined;
  router: Lister | undefined;
}

interface Lister {
  listRoutes(): ListedRoute[];
}

function join(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/{2,}/g, "/");
  return joined.length > 1 ? joined.replace(/\/$/, "") : joined;
}

function walk(router: Lister, prefix: string, into: RouteEntry[]): void {
  for (const listed of router.listRoutes()) {
    // A pattern given as a regular expression has no path to name: refuse, rather than leave it out.
    if (typeof listed.path !== "string") throw new Error(`The route inventory cannot name the route ${String(listed.path)} under ${prefix || "/"}.`);
    const path = join(prefix, listed.path);
    if (listed.router) walk(listed.router, path, into);
    // HEAD is answered by the GET route (router adds it): the same handler, the same authorisation.
    for (const method of listed.methods ?? []) if (method !== "HEAD") into.push({ method: method.toUpperCase(), path });
  }
}

/**
 * The app's routes (method and path pattern), in the order they are registered, each once.
 * Middleware that answers every path (static files, the not-found answers) is not a route and is
 * not listed; the mounted routers' own routes are, with their mount paths.
 */
export function routeInventory(app: Express): RouteEntry[] {
  const found: RouteEntry[] = [];
  walk(app.router as unknown as Lister, "", found);
  const seen = new Set<string>();
  return found.filter((route) => {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
