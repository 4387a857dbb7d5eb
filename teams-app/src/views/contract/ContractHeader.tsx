// The contract the page is about: its reference and title, supplier, service area, manager, term
// and status, and a link to share it.
import { Badge, Button, Link, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useState, type ReactNode } from "react";
import type { Contract } from "@toms/client";
import { formatDate } from "../../common/format.js";
import { useTab } from "../../common/tab-context.js";
import { ROUTES } from "../../app/routes.js";

const useStyles = makeStyles({
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  title: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM, justifyContent: "space-between" },
  facts: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 14rem), 1fr))",
    gap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  fact: { display: "flex", flexDirection: "column", minWidth: 0, overflowWrap: "anywhere" },
  term: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  value: { margin: 0 },
  share: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
});

const STATUS = { "not started": { label: "Not started", color: "informative" }, active: { label: "Active", color: "success" }, ended: { label: "Ended", color: "subtle" } } as const;

export function ContractHeader({ contract }: { contract: Contract }) {
  const styles = useStyles();
  const { host } = useTab();
  const [shared, setShared] = useState<string>();
  const status = STATUS[contract.status];

  async function share() {
    setShared(undefined);
    try {
      const how = await host.shareContract({ id: contract.id, reference: contract.reference, title: contract.title });
      setShared(how === "shared" ? "Shared: Teams opened its share box with a link to this contract." : "Link copied: paste it to share this contract.");
    } catch (error) {
      setShared(`The link could not be shared: ${error instanceof Error ? error.message : String(error)}. Copy the page's address instead.`);
    }
  }

  const facts: [string, ReactNode][] = [
    ["Supplier", <Link key="s" href={`#${ROUTES.supplier(contract.supplierId)}`}>{contract.award?.bidder ?? "The supplier's scorecard"}</Link>],
    ["Service area", contract.serviceArea ?? "Not recorded"],
    ["Contract manager", contract.managerName ?? contract.managerId],
    ["Term", `${formatDate(contract.startDate)} to ${formatDate(contract.endDate)}`],
  ];
  return (
    <header className={styles.header}>
      <div className={styles.title}>
        <div>
          <Text size={300} weight="semibold" data-testid="contract-reference">
            {contract.reference}
          </Text>
          <Text as="h1" size={600} weight="semibold" block>
            {contract.title}
          </Text>
        </div>
        <div className={styles.share}>
          <Badge appearance="tint" color={status.color} data-value={contract.status}>
            {status.label}
          </Badge>
          <Button onClick={() => void share()}>Share link</Button>
        </div>
      </div>
      <div role="status">{shared && <Text size={200}>{shared}</Text>}</div>
      <dl className={styles.facts}>
        {facts.map(([term, value]) => (
          <div key={term} className={styles.fact}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.value}>{value}</dd>
          </div>
        ))}
      </dl>
    </header>
  );
}
