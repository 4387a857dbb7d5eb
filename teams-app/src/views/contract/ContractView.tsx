// The contract page (#/contracts/{contractId}): where its manager runs the contract's KPIs,
// reviews the supplier's updates, follows the social value delivered and makes the annual
// assessment, with the Procurement Act duties beside them.
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useState } from "react";
import { useParams } from "react-router";
import { Failed, Loading } from "../../common/states.js";
import { useTab } from "../../common/tab-context.js";
import { ActSection } from "./ActSection.js";
import { canManage } from "./action-problems.js";
import { ContractHeader } from "./ContractHeader.js";
import { KpisSection } from "./KpisSection.js";
import { PageSection } from "./parts.js";
import { SocialValueSection } from "./SocialValueSection.js";
import { UpdatesSection } from "./UpdatesSection.js";
import { useContract } from "./use-contract.js";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, minWidth: 0 },
  nav: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  hidden: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clipPath: "inset(50%)", whiteSpace: "nowrap" },
});

const SECTIONS = [
  { id: "contract-kpis", title: "KPIs" },
  { id: "contract-updates", title: "Updates and reviews" },
  { id: "contract-social-value", title: "Social value" },
  { id: "contract-act", title: "Procurement Act duties" },
] as const;

/** Moves to a section of the page (the hash is the route, so not by #anchor). */
function goTo(id: string) {
  const section = document.getElementById(id);
  section?.scrollIntoView({ block: "start" });
  section?.focus({ preventScroll: true });
}

export default function ContractView() {
  const styles = useStyles();
  const { contractId = "" } = useParams();
  const { client, me } = useTab();
  const { dashboard, detail, socialValue, assessments, updates, refresh } = useContract(client, contractId);
  const manager = canManage(me.roles);
  const [announcement, setAnnouncement] = useState("");
  const announce = useCallback((words: string) => setAnnouncement(words), []);

  if (dashboard.state === "loading") {
    return (
      <div className={styles.page}>
        <Text as="h1" size={600} weight="semibold">
          Contract
        </Text>
        <Loading label="Opening the contract" tiles={4} lines={8} />
      </div>
    );
  }
  if (dashboard.state === "failed") {
    return (
      <div className={styles.page}>
        <Text as="h1" size={600} weight="semibold">
          Contract
        </Text>
        <Failed error={dashboard.error} onRetry={dashboard.retry} />
      </div>
    );
  }
  const data = dashboard.data;
  return (
    <div className={styles.page} aria-busy={dashboard.reloading}>
      <div className={styles.hidden} role="status" aria-live="polite">
        {announcement}
      </div>
      <ContractHeader contract={data.contract} />
      <nav aria-label="On this page" className={styles.nav}>
        {SECTIONS.map((s) => (
          <Button key={s.id} appearance="subtle" size="small" onClick={() => goTo(s.id)}>
            {s.title}
          </Button>
        ))}
      </nav>
      <PageSection id="contract-kpis" title="KPIs">
        <KpisSection dashboard={data} />
      </PageSection>
      <PageSection id="contract-updates" title="Updates and reviews">
        {updates.state === "loading" ? (
          <Loading label="Reading the KPIs' updates" lines={6} />
        ) : updates.state === "failed" ? (
          <Failed error={updates.error} onRetry={updates.retry} />
        ) : data.kpis.length === 0 ? (
          <Text>No KPIs yet, so no updates.</Text>
        ) : (
          <UpdatesSection kpis={data.kpis} updates={updates.data} manager={manager} onChanged={refresh} announce={announce} />
        )}
      </PageSection>
      <PageSection id="contract-social-value" title="Social value">
        {socialValue.state === "loading" ? (
          <Loading label="Reading the social value delivered" tiles={2} lines={4} />
        ) : socialValue.state === "failed" ? (
          <Failed error={socialValue.error} onRetry={socialValue.retry} />
        ) : (
          <SocialValueSection value={socialValue.data} updates={updates.state === "ready" ? updates.data : undefined} />
        )}
      </PageSection>
      <PageSection id="contract-act" title="Procurement Act duties">
        <ActSection dashboard={data} detail={detail} assessments={assessments} manager={manager} onChanged={refresh} announce={announce} />
      </PageSection>
    </div>
  );
}
