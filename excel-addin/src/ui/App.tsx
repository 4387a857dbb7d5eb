// The task pane: sign in, then lay out, score and moderate, and award an evaluation.
import { Button, FluentProvider, Subtitle1, Tab, TabList, Text, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { useState } from "react";
import type { Me } from "../api/client.js";
import type { Session } from "../auth/session.js";
import type { ScoringRun } from "../evaluation.js";
import { Award } from "./Award.js";
import type { CatalogueCache } from "./catalogues.js";
import { PANE_PADDING } from "./layout.js";
import { NewEvaluation } from "./NewEvaluation.js";
import { Score } from "./Score.js";
import { SignIn } from "./SignIn.js";

type Scored = Extract<ScoringRun, { ok: true }>;
type Page = "new" | "score" | "award";

export function App({ session, catalogues, dark }: { session: Session; catalogues: CatalogueCache; dark: boolean }) {
  const [me, setMe] = useState<Me | null>(null);
  const [page, setPage] = useState<Page>("new");
  const [scored, setScored] = useState<Scored | null>(null);

  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ minHeight: "100vh", padding: PANE_PADDING, boxSizing: "border-box" }}>
      <header style={{ display: "flex", flexWrap: "wrap", justifyContent: "space-between", alignItems: "baseline", gap: 8, marginBottom: 8 }}>
        <Subtitle1 as="h1">TOMs social value</Subtitle1>
        {me && (
          <span style={{ display: "flex", alignItems: "baseline", gap: 4 }}>
            <Text size={200} data-testid="signed-in">
              Signed in as {me.name || me.userId}
            </Text>
            <Button appearance="transparent" size="small" onClick={() => { session.signOut(); setMe(null); }}>
              Sign out
            </Button>
          </span>
        )}
      </header>
      {!me ? (
        <SignIn session={session} onSignedIn={setMe} />
      ) : (
        <>
          {/* The tabs wrap onto a second row rather than cut a label off in a narrow pane. */}
          <TabList selectedValue={page} onTabSelect={(_, data) => setPage(data.value as Page)} size="small" style={{ flexWrap: "wrap" }}>
            <Tab value="new">New evaluation</Tab>
            <Tab value="score">Score and moderate</Tab>
            <Tab value="award">Award</Tab>
          </TabList>
          <main style={{ paddingTop: 12 }}>
            {page === "new" && <NewEvaluation session={session} catalogues={catalogues} onLaidOut={() => setScored(null)} />}
            {page === "score" && <Score catalogues={catalogues} scored={scored} onScored={setScored} />}
            {page === "award" && <Award session={session} me={me} scored={scored} onScore={() => setPage("score")} />}
          </main>
        </>
      )}
    </FluentProvider>
  );
}
