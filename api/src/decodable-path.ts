// Paths whose %-escapes do not decode are refused with a 400 before any route reads them.
import type { RequestHandler } from "express";
import { Problem, sendProblem } from "./problems.js";

/** Routers decode path parameters and throw on a malformed escape (`/api/suppliers/%ZZ`), which
 * would answer 500: every path is checked once, here, for every part of the service. */
export const requireDecodablePath: RequestHandler = (req, res, next) => {
  try {
    decodeURIComponent(req.path);
  } catch {
    return sendProblem(
      res,
      new Problem(400, "The address is not valid", 'The address has a "%" that does not start a valid escape: write "%" itself as %25, and other characters as the %-escapes of their UTF-8 bytes.', undefined, "urn:toms:problem:invalid-input"),
      req.originalUrl,
    );
  }
  next();
};
