// The tab's pages, each loaded with its own code when first opened (charts come with their view).
import { lazy } from "react";

export const PortfolioView = lazy(() => import("../views/portfolio/PortfolioView.js"));
export const ContractView = lazy(() => import("../views/contract/ContractView.js"));
export const SupplierView = lazy(() => import("../views/supplier/SupplierView.js"));
export const SocialValueView = lazy(() => import("../views/social-value/SocialValueView.js"));
export const OverdueView = lazy(() => import("../views/overdue/OverdueView.js"));
export const DiversityView = lazy(() => import("../views/diversity/DiversityView.js"));
export const ConfigView = lazy(() => import("../views/config/ConfigView.js"));
export const NotFound = lazy(() => import("./NotFound.js"));

/** Hash routes, as the manifest's tabs and deep links name them. */
export const ROUTES = {
  portfolio: "/",
  contract: (id: string) => `/contracts/${encodeURIComponent(id)}`,
  supplier: (id: string) => `/suppliers/${encodeURIComponent(id)}`,
  socialValue: "/social-value",
  overdue: "/overdue",
  diversity: "/diversity",
  config: "/config",
} as const;
