import express, { Router } from "express";
import { describe, expect, it } from "vitest";
import { routeInventory } from "./route-inventory.js";

describe("routeInventory", () => {
  it("names each route with its mount paths joined, once per method, without the HEAD express answers for GET", () => {
    const app = express();
    app.get("/healthz", (_req, res) => void res.end());
    const api = Router();
    const things = Router();
    things.get("/", (_req, res) => void res.end());
    things.route("/:id").get((_req, res) => void res.end()).patch((_req, res) => void res.end());
    api.use("/things", things);
    api.use("/", Router().post("/run", (_req, res) => void res.end()));
    // Middleware that answers any path is not a route.
    api.use((_req, res) => void res.status(404).end());
    app.use("/api", api);
    expect(routeInventory(app)).toEqual([
      { method: "GET", path: "/healthz" },
      { method: "GET", path: "/api/things" },
      { method: "GET", path: "/api/things/:id" },
      { method: "PATCH", path: "/api/things/:id" },
      { method: "POST", path: "/api/run" },
    ]);
  });

  it("refuses a route it cannot name, rather than leave it out", () => {
    const app = express();
    app.get(/^\/legacy\/.*$/, (_req, res) => void res.end());
    expect(() => routeInventory(app)).toThrow(/cannot name the route/);
  });
});
