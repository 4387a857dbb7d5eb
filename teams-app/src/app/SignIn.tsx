// Sign-in: silent in Teams (single sign-on), and after a refresh of the page; outside Teams,
// Microsoft 365 with Entra, or on a development service a choice of the demo's people.
import { Button, Card, CardHeader, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { AuthConfig, Me } from "@toms/client";
import { problemWords } from "../common/problems.js";
import type { TabHost } from "../host/index.js";
import type { Session } from "../session.js";

const useStyles = makeStyles({
  page: { display: "flex", justifyContent: "center", padding: tokens.spacingHorizontalL, minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground2 },
  card: { maxWidth: "560px", width: "100%", alignSelf: "flex-start" },
  body: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

type Step = { kind: "starting" } | { kind: "choose"; config: AuthConfig } | { kind: "failed"; error: unknown; config?: AuthConfig };

export function SignIn({ host, session, onSignedIn }: { host: TabHost; session: Session; onSignedIn: (me: Me) => void }) {
  const styles = useStyles();
  const [step, setStep] = useState<Step>({ kind: "starting" });
  const [busy, setBusy] = useState(false);
  const [chosen, setChosen] = useState<string>("");
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    // Signed in again without asking where that can be (Teams; a refresh of the page); else the choice.
    session
      .resume()
      .then(async (me) => {
        if (me) {
          if (current) onSignedIn(me);
          return;
        }
        const config = await session.config();
        if (current) setStep({ kind: "choose", config });
      })
      .catch((error: unknown) => current && setStep({ kind: "failed", error }));
    return () => {
      current = false;
    };
  }, [session, onSignedIn, attempt]);

  async function signIn(how: () => Promise<Me>, config: AuthConfig) {
    setBusy(true);
    try {
      onSignedIn(await how());
    } catch (error) {
      setStep({ kind: "failed", error, config });
    } finally {
      setBusy(false);
    }
  }

  const config = step.kind === "choose" ? step.config : step.kind === "failed" ? step.config : undefined;
  const demoUsers = config?.mode === "development" ? config.demoUsers : [];
  const user = demoUsers.find((u) => u.userId === chosen) ?? demoUsers[0];
  return (
    <div className={styles.page}>
      <Card className={styles.card}>
        <CardHeader header={<Text as="h1" size={500} weight="semibold">Contracts and social value</Text>} description={<Text>The council's contract delivery, in the TOMs Suite.</Text>} />
        <div className={styles.body}>
          {step.kind === "starting" && <Spinner size="small" label={host.inTeams ? "Signing you in with Teams..." : "Connecting to the TOMs service..."} />}
          {step.kind === "failed" && (
            <MessageBar intent="error" layout="multiline" role="alert">
              <MessageBarBody>
                <MessageBarTitle>{host.inTeams ? "Teams could not sign you in" : problemWords(step.error).title}</MessageBarTitle> {problemWords(step.error).detail}
              </MessageBarBody>
            </MessageBar>
          )}
          {step.kind === "failed" && !config && <Button onClick={() => { setStep({ kind: "starting" }); setAttempt((a) => a + 1); }}>Try again</Button>}
          {config?.mode === "entra" && (
            <>
              <Text>Sign in with your council Microsoft 365 account.</Text>
              <Button appearance="primary" disabled={busy} onClick={() => void signIn(() => session.signInWithMicrosoft(), config)}>
                Sign in with Microsoft 365
              </Button>
            </>
          )}
          {config?.mode === "development" && config.devSignIn === "off" && (
            <Text>This is a development service, and signing in as someone else is turned off on it. To try the tab here, start the service with npm start (which turns it on) or with TOMS_DEV_SIGN_IN=on.</Text>
          )}
          {config?.mode === "development" && config.devSignIn === "on" && (
            <>
              <Text>This is a development service: choose who to be. Nothing here is real council data.</Text>
              {demoUsers.length === 0 ? (
                <Text>This service has no demo people. Start it with its demo data (npm start) to try the tab.</Text>
              ) : (
                <RadioGroup aria-label="Demo person" value={user?.userId ?? ""} onChange={(_, data) => setChosen(data.value)}>
                  {demoUsers.map((u) => (
                    <Radio key={u.userId} value={u.userId} label={`${u.name}: ${u.description}`} />
                  ))}
                </RadioGroup>
              )}
              <Button appearance="primary" disabled={busy || !user} onClick={() => user && void signIn(() => session.signInForDevelopment({ userId: user.userId, roles: user.roles, name: user.name, ...(user.supplierId ? { supplierId: user.supplierId } : {}) }), config)}>
                {busy ? "Signing in..." : `Sign in${user ? ` as ${user.name}` : ""}`}
              </Button>
            </>
          )}
        </div>
      </Card>
    </div>
  );
}
