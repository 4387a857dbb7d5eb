// Starts the tab: finds its host (Teams, or a browser), then renders.
import { createRoot } from "react-dom/client";
import { App } from "./app/App.js";
import { connectHost, routeOfSubPage } from "./host/index.js";

const root = document.getElementById("root");
if (!root) throw new Error("The tab's page has no #root element.");
const host = await connectHost();
// A deep link opens its page once, at start (not again after a later sign-in); the tab's own
// address is used after that.
const deepLink = routeOfSubPage(host.context.subPageId);
if (deepLink) window.location.hash = `#${deepLink}`;
createRoot(root).render(<App host={host} />);
