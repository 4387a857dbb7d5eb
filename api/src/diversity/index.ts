// Supplier diversity's HTTP face (docs/diversity.md): the JSON routes behind sign-in, the retention
// job's admin route, and the form page that needs no account. Only the service's wiring imports this.
export { diversityApiRoutes, diversityAdminRoutes } from "./routes.js";
export { diversityFormRoutes, withoutFormToken } from "./form/index.js";
