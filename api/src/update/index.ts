// Signed update links' HTTP face: the /update/{token} pages (no account) and the management API.
export { updateLinkRoutes, withoutUpdateToken, readLinkForm, LINK_ATTEMPTS, FRESH_LINK_REQUESTS, type UpdateLinkRouteOptions } from "./update-routes.js";
export { updateLinkApiRoutes } from "./update-link-api.js";
