// Sign in: Microsoft 365 (nested app authentication) where the service uses Entra ID, or, on a
// development service, a chosen user and role.
import { Button, Field, Input, MessageBar, MessageBarBody, Option, Spinner, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { AuthConfig, Me, Role } from "../api/client.js";
import type { Session } from "../auth/session.js";
import { userMessage } from "./errors.js";
import { stack } from "./layout.js";
import { PaneDropdown } from "./PaneDropdown.js";

const ROLES: { role: Role; label: string }[] = [
  { role: "evaluator", label: "Evaluator" },
  { role: "admin", label: "Administrator" },
  { role: "contract-manager", label: "Contract manager" },
];

export function SignIn({ session, onSignedIn }: { session: Session; onSignedIn: (me: Me) => void }) {
  const [config, setConfig] = useState<AuthConfig | null>(null);
  // Reaching the service failed (shown at the top), or signing in did (shown under its button).
  const [error, setError] = useState<{ at: "service" | "sign-in"; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [userId, setUserId] = useState("evaluator");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("evaluator");

  useEffect(() => {
    session.config().then(setConfig, (e: unknown) => setError({ at: "service", message: userMessage(e) }));
  }, [session]);

  async function signIn(how: () => Promise<Me>) {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await how());
    } catch (e) {
      setError({ at: "sign-in", message: userMessage(e) });
    } finally {
      setBusy(false);
    }
  }

  const failure = error && (
    <MessageBar layout="multiline" intent="error">
      <MessageBarBody>{error.message}</MessageBarBody>
    </MessageBar>
  );

  return (
    <section style={stack(12)} aria-label="Sign in">
      {error?.at === "service" && failure}
      {!config && !error && <Spinner size="small" label="Connecting to the TOMs service..." />}
      {config?.mode === "entra" && (
        <>
          <Text>Sign in with your council Microsoft 365 account to use the catalogue and save evaluations.</Text>
          <Button appearance="primary" disabled={busy} onClick={() => void signIn(() => session.signInWithMicrosoft())}>
            Sign in with Microsoft 365
          </Button>
          {error?.at === "sign-in" && failure}
        </>
      )}
      {config?.mode === "development" && config.devSignIn === "off" && (
        <MessageBar layout="multiline" intent="warning">
          <MessageBarBody>This is a development service, and signing in as someone else is turned off on it. To try the add-in here, start the service with npm start (which turns it on) or with TOMS_DEV_SIGN_IN=on.</MessageBarBody>
        </MessageBar>
      )}
      {config?.mode === "development" && config.devSignIn === "on" && (
        <>
          <MessageBar layout="multiline" intent="warning">
            <MessageBarBody>This is a development service: choose who you are testing as. Real councils sign in with Microsoft 365.</MessageBarBody>
          </MessageBar>
          <Field label="User id" required>
            <Input value={userId} onChange={(_, d) => setUserId(d.value)} />
          </Field>
          <Field label="Name shown on saved work">
            <Input value={name} onChange={(_, d) => setName(d.value)} />
          </Field>
          <Field label="Role">
            <PaneDropdown
              value={ROLES.find((r) => r.role === role)?.label ?? ""}
              selectedOptions={[role]}
              onOptionSelect={(_, d) => setRole((d.optionValue as Role | undefined) ?? "evaluator")}
            >
              {ROLES.map((r) => (
                <Option key={r.role} value={r.role}>
                  {r.label}
                </Option>
              ))}
            </PaneDropdown>
          </Field>
          <Button appearance="primary" disabled={busy || userId.trim() === ""} onClick={() => void signIn(() => session.signInForDevelopment(userId.trim(), role, name.trim() || undefined))}>
            Sign in
          </Button>
          {error?.at === "sign-in" && failure}
        </>
      )}
    </section>
  );
}
