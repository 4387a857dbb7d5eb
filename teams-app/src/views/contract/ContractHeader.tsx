// The contract the page is about: its reference and title, supplier, service area, manager, term
// and status, and a link to share it.
import { Badge, Button, Link, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Contract } from "@toms/client";
import { useState } from "react";
import { ROUTES } from "../../app/routes.js";
import { Fact, Facts } from "../../common/facts.js";
import { formatDate, statusLabel } from "../../common/format.js";
import { PageTitle } from "../../common/page.js";
import { useTab } from "../../common/tab-context.js";

const useStyles = makeStyles({
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  title: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM, justifyContent: "space-between" },
  share: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
});

const STATUS_COLOURS = { "not started": "informative", active: "success", ended: "subtle" } as const;

/** The page's header; `supplierName` as the register holds it (null when the supplier is no longer in it). */
export function ContractHeader({ contract, supplierName }: { contract: Contract; supplierName: string | null }) {
  const styles = useStyles();
  const { host } = useTab();
  const [shared, setShared] = useState<string>();

  async function share() {
    setShared(undefined);
    try {
      const how = await host.shareContract({ id: contract.id, reference: contract.reference, title: contract.title });
      setShared(how === "shared" ? "Shared: Teams opened its share box with a link to this contract." : "Link copied: paste it to share this contract.");
    } catch (error) {
      setShared(`The link could not be shared: ${error instanceof Error ? error.message : String(error)}. Copy the page's address instead.`);
    }
  }

  return (
    <header className={styles.header}>
      <div className={styles.title}>
        <div>
          <Text size={300} weight="semibold" data-testid="contract-reference">
            {contract.reference}
          </Text>
          <PageTitle>{contract.title}</PageTitle>
        </div>
        <div className={styles.share}>
          <Badge appearance="tint" color={STATUS_COLOURS[contract.status]} data-value={contract.status}>
            {statusLabel(contract.status)}
          </Badge>
          <Button onClick={() => void share()}>Share link</Button>
        </div>
      </div>
      <div role="status">{shared && <Text size={200}>{shared}</Text>}</div>
      <Facts>
        <Fact term="Supplier">{supplierName ? <Link href={`#${ROUTES.supplier(contract.supplierId)}`}>{supplierName}</Link> : "No longer in the supplier register"}</Fact>
        <Fact term="Service area">{contract.serviceArea ?? "Not recorded"}</Fact>
        <Fact term="Contract manager">{contract.managerName ?? contract.managerId}</Fact>
        <Fact term="Term">
          {formatDate(contract.startDate)} to {formatDate(contract.endDate)}
        </Fact>
      </Facts>
    </header>
  );
}
