import { Router } from "express";
import express from "express";
import { z } from "zod";
import { ROLES } from "@toms/domain";
import { issueDevelopmentToken } from "../auth/dev-issuer.js";
import { isLoopback, type Config } from "../config.js";
import { forbidden, invalid, Problem } from "../problems.js";
import { demoPeople } from "../seed/demo.js";
import { parse } from "../validate.js";

const devTokenRequest = z.object({
  userId: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
  roles: z.array(z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` })).min(1, "must name at least one role"),
  name: z.string().trim().max(200).optional(),
  supplierId: z.string().trim().min(1).optional(),
});

/** What POST /auth/dev-token and the sign-in pages say when development sign-in is off. */
const DEV_SIGN_IN_OFF = "Development sign-in is off on this service, so nobody can sign in here as someone else. npm start turns it on; or start the service with TOMS_DEV_SIGN_IN=on. A token from npm run token works either way.";

/**
 * What the browser apps need before sign-in: which flow to use, and in development (loopback
 * only) with TOMS_DEV_SIGN_IN=on the demo's people to sign in as (when the service loads the demo
 * data, TOMS_SEED=demo) and a token for a chosen user and role, so the Excel add-in and the Teams
 * tab can be tried without Microsoft Entra ID. With it off, /auth/config says so (devSignIn "off")
 * and lists nobody, and no token is issued.
 */
export function authRoutes(config: Config): Router {
  const router = Router();
  router.get("/config", (_req, res) => {
    if (config.signIn.mode === "development") {
      const on = config.signIn.devSignIn;
      res.json({ mode: "development", devSignIn: on ? "on" : "off", demoUsers: on && config.seed === "demo" ? demoPeople() : [] });
      return;
    }
    const clientId = config.signIn.audiences.find((a) => !a.includes("/")) ?? config.signIn.audiences[0];
    // One resource's scope: a sign-in asking for scopes of two resources at once is refused by Entra.
    const resource = config.signIn.audiences.find((a) => a.startsWith("api://"));
    res.json({ mode: "entra", tenantId: config.signIn.tenantId, clientId, scopes: resource ? [`${resource}/access_as_user`] : [] });
  });

  router.post("/dev-token", express.json({ limit: "16kb" }), async (req, res) => {
    // Belt and braces: the service refuses to start in development mode off loopback anyway.
    if (config.signIn.mode !== "development" || !isLoopback(config.host) || !isLoopback(req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "")) {
      throw forbidden("Development sign-in is only available on this computer, when the service runs without Microsoft Entra ID.");
    }
    if (!config.signIn.devSignIn) throw new Problem(404, "Development sign-in is off", DEV_SIGN_IN_OFF);
    const request = parse(devTokenRequest, req.body, "The sign-in");
    if (request.roles.includes("supplier") && !request.supplierId) throw invalid([{ field: "supplierId", message: "is required with the supplier role" }], "The sign-in");
    const token = await issueDevelopmentToken(config.dataDir, { userId: request.userId, roles: request.roles, ...(request.name ? { name: request.name } : {}), ...(request.supplierId ? { supplierId: request.supplierId } : {}) });
    res.json({ token });
  });
  return router;
}
