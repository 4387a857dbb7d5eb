// The home page at `/`: what the suite is and where its parts are, for a person who opens the
// service's address in a browser.
import { Router } from "express";
import type { Config } from "../config.js";
import { escapeHtml, sendPage } from "./html-page.js";

function signInText(config: Config): string {
  return config.signIn.mode === "development"
    ? "This service uses <strong>development sign-in</strong>: get a token with <code>npm run token -- --user &lt;id&gt; --role &lt;role&gt;</code> (with the same <code>TOMS_DATA_DIR</code> as the service) and send it as <code>Authorization: Bearer &lt;token&gt;</code>."
    : "This service signs people in with <strong>Microsoft Entra ID</strong>: the Excel add-in and the Teams tab do it for you.";
}

/** `GET /`: a small page that works without JavaScript. */
export function homeRoutes(config: Config): Router {
  const router = Router();
  router.get("/", (_req, res) => {
    sendPage(res, {
      title: "TOMs Suite",
      root: "./",
      body: `<h1>TOMs Suite</h1>
<p>Social value in council procurement, from tender evaluation to delivery. Evaluators score bidders'
social value commitments in Excel with the council's TOMs catalogue (Themes, Outcomes and Measures),
in ${escapeHtml(config.moneyLabel)}; procurement officers keep the register of suppliers and contracts and publish
catalogue versions; contract managers follow each contract's KPIs, reviews, annual assessments and
the social value delivered against what was committed, in Teams.</p>
<dl>
<dt><a href="addin/taskpane.html">Excel add-in</a></dt>
<dd>The task pane for scoring, moderation and award. It works inside Excel: <a href="docs/excel-addin.md">how to load it</a>.</dd>
<dt><a href="tab/">Teams tab</a></dt>
<dd>Contract dashboards, reviews, the annual assessment and the Cabinet report. It opens here in a browser too: <a href="docs/teams-app.md">how to add it to Teams</a>.</dd>
<dt><a href="healthz">Health check</a></dt>
<dd>Answers <code>{"status":"ok","storage":"ok"}</code> when the service and its storage are working.</dd>
<dt><a href="docs/">Documentation</a></dt>
<dd>The scoring and delivery rules in words a council officer can check, security and sign-in, storage, the Excel add-in and the Teams app.</dd>
</dl>
<h2>Sign in</h2>
<p>${signInText(config)} The API is under <code>/api</code>; every route needs a sign-in.</p>`,
    });
  });
  return router;
}
