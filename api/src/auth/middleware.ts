import type { NextFunction, Request, RequestHandler, Response } from "express";
import { hasRole, type Principal, type Role } from "@toms/domain";
import { Problem, forbidden, sendProblem } from "../problems.js";
import { SignInError, type Verifier } from "./verify.js";

declare module "express-serve-static-core" {
  interface Request {
    principal?: Principal;
  }
}

function unauthorized(res: Response, detail: string, req: Request): void {
  res.setHeader("WWW-Authenticate", 'Bearer realm="toms"');
  sendProblem(res, new Problem(401, "Sign-in required", detail), req.originalUrl);
}

/** Every /api route passes here: no valid bearer token, no entry. */
export function authenticate(verify: Verifier): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    const match = header ? /^Bearer\s+([A-Za-z0-9\-_.~+/]+=*)$/i.exec(header) : null;
    if (!match) return unauthorized(res, "Sign in first: send your token as Authorization: Bearer <token>.", req);
    try {
      req.principal = await verify(match[1] as string);
    } catch (error) {
      if (error instanceof SignInError) return unauthorized(res, error.message, req);
      return next(error);
    }
    next();
  };
}

/** The signed-in caller; only called behind authenticate(). */
export function principalOf(req: Request): Principal {
  if (!req.principal) throw new Problem(401, "Sign-in required", "Sign in first.");
  return req.principal;
}

export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!hasRole(principalOf(req), ...roles)) {
      return next(forbidden(`This needs one of these roles: ${roles.join(", ")}.`));
    }
    next();
  };
}
