// Starts the tab: finds its host (Teams, or a browser), then renders.
import { createRoot } from "react-dom/client";
import { App } from "./app/App.js";
import { connectHost } from "./host/index.js";

const root = document.getElementById("root");
if (!root) throw new Error("The tab's page has no #root element.");
const host = await connectHost();
createRoot(root).render(<App host={host} />);
