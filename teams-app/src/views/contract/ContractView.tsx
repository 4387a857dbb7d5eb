// The contract page (#/contracts/{contractId}): where its manager runs the contract's KPIs,
// reviews the supplier's updates, follows the social value delivered and makes the annual
// assessment, with the Procurement Act duties beside them.
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ContractDashboard } from "@toms/client";
import { useCallback, useState } from "react";
import { useParams } from "react-router";
import { Page, PageSection } from "../../common/page.js";
import { WhenLoaded } from "../../common/states.js";
import { useTab } from "../../common/tab-context.js";
import { VisuallyHidden } from "../../common/visually-hidden.js";
import { ActSection } from "./ActSection.js";
import { canManage } from "./action-problems.js";
import { ContractHeader } from "./ContractHeader.js";
import { KpisSection } from "./KpisSection.js";
import { SocialValueSection } from "./SocialValueSection.js";
import { SupplierContactsSection } from "./SupplierContactsSection.js";
import { UpdatesSection } from "./UpdatesSection.js";
import { useContract, type ContractLoads } from "./use-contract.js";

const useStyles = makeStyles({
  nav: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
});

const SECTIONS = [
  { id: "contract-kpis", title: "KPIs" },
  { id: "contract-updates", title: "Updates and reviews" },
  { id: "contract-social-value", title: "Social value" },
  { id: "contract-act", title: "Procurement Act duties" },
] as const;

/** Only procurement officers and the contract manager choose how the supplier's contacts are asked. */
const CONTACTS_SECTION = { id: "contract-contacts", title: "Supplier contacts" } as const;

/** Moves to a section of the page (the hash is the route, so not by #anchor). */
function goTo(id: string) {
  const section = document.getElementById(id);
  section?.scrollIntoView({ block: "start" });
  section?.focus({ preventScroll: true });
}

export default function ContractView() {
  const { contractId = "" } = useParams();
  const { client } = useTab();
  const loads = useContract(client, contractId);
  const { dashboard } = loads;
  if (dashboard.state !== "ready") {
    return (
      <Page title="Contract">
        <WhenLoaded loaded={dashboard} label="Loading the contract" tiles={4} lines={8} />
      </Page>
    );
  }
  return <Contract dashboard={dashboard.data} reloading={dashboard.reloading} loads={loads} />;
}

function Contract({ dashboard, reloading, loads }: { dashboard: ContractDashboard; reloading: boolean; loads: ContractLoads }) {
  const styles = useStyles();
  const { me } = useTab();
  const { detail, socialValue, assessments, updates, refresh } = loads;
  const manager = canManage(me.roles);
  const [announcement, setAnnouncement] = useState("");
  const announce = useCallback((words: string) => setAnnouncement(words), []);
  return (
    <Page header={<ContractHeader contract={dashboard.contract} supplierName={dashboard.supplierName} />} busy={reloading}>
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
      <nav aria-label="On this page" className={styles.nav}>
        {(manager ? [...SECTIONS, CONTACTS_SECTION] : SECTIONS).map((s) => (
          <Button key={s.id} appearance="subtle" size="small" onClick={() => goTo(s.id)}>
            {s.title}
          </Button>
        ))}
      </nav>
      <PageSection id="contract-kpis" title="KPIs" tabIndex={-1}>
        <KpisSection dashboard={dashboard} manager={manager} onChanged={refresh} announce={announce} />
      </PageSection>
      <PageSection id="contract-updates" title="Updates and reviews" tabIndex={-1}>
        {dashboard.kpis.length === 0 ? (
          <Text>No KPIs yet, so no updates.</Text>
        ) : (
          <WhenLoaded loaded={updates} label="Loading the KPIs' updates" lines={6}>
            {(data) => <UpdatesSection kpis={dashboard.kpis} updates={data} manager={manager} onChanged={refresh} announce={announce} />}
          </WhenLoaded>
        )}
      </PageSection>
      <PageSection id="contract-social-value" title="Social value" tabIndex={-1}>
        <WhenLoaded loaded={socialValue} label="Loading the social value delivered" tiles={2} lines={4}>
          {(data) => <SocialValueSection value={data} updates={updates.state === "ready" ? updates.data : undefined} />}
        </WhenLoaded>
      </PageSection>
      <PageSection id="contract-act" title="Procurement Act duties" tabIndex={-1}>
        <ActSection dashboard={dashboard} detail={detail} assessments={assessments} manager={manager} onChanged={refresh} announce={announce} />
      </PageSection>
      {manager && (
        <PageSection id={CONTACTS_SECTION.id} title={CONTACTS_SECTION.title} tabIndex={-1}>
          <SupplierContactsSection dashboard={dashboard} announce={announce} />
        </PageSection>
      )}
    </Page>
  );
}
