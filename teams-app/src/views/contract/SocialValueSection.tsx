// Section 3: the social value committed against delivered, per measure and period, each £
// delivered traced to the period and the accepted update it came from.
import { Link, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { Fragment, useId, useState } from "react";
import type { ContractSocialValue, KpiUpdate, SocialValueLine } from "@toms/client";
import { Empty } from "../../common/states.js";
import { withUnit } from "./kpi-words.js";
import { periodLabel } from "./period-label.js";
import { ScrollTable } from "./parts.js";
import { commitmentsOf, moneyWords, proxyWords, traceWords, type CommitmentLines } from "./social-value-lines.js";
import type { KpiUpdates } from "./use-contract.js";

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXL },
  sums: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXXL, rowGap: tokens.spacingVerticalS },
  sum: { display: "flex", flexDirection: "column" },
  measure: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  table: { minWidth: "640px" },
  trace: { backgroundColor: tokens.colorNeutralBackground3 },
});

export function SocialValueSection({ value, updates }: { value: ContractSocialValue; updates: KpiUpdates | undefined }) {
  const styles = useStyles();
  const label = value.moneyLabel;
  if (value.lines.length === 0) {
    return (
      <Empty title="No social value commitments on this contract">
        The commitments come from the award. For a contract signed before the TOMs Suite, a procurement officer enters the commitments the supplier made, and they are tracked here.
      </Empty>
    );
  }
  const commitments = commitmentsOf(value.lines);
  return (
    <div className={styles.list}>
      <div className={styles.sums}>
        <div className={styles.sum}>
          <Text size={200}>Committed over the contract</Text>
          <Text size={600} weight="semibold" data-testid="sv-committed" data-value={value.committed}>
            {moneyWords(value.committed, label)}
          </Text>
        </div>
        <div className={styles.sum}>
          <Text size={200}>Delivered so far (accepted updates)</Text>
          <Text size={600} weight="semibold" data-testid="sv-delivered" data-value={value.delivered}>
            {moneyWords(value.delivered, label)}
          </Text>
        </div>
      </div>
      <Text>Each period's value delivered is the accepted quantity times the proxy value of the catalogue version the award used. Choose an amount delivered to see the update it came from.</Text>
      {commitments.map((c) => (
        <Commitment key={c.kpiId} commitment={c} label={label} updates={updates} />
      ))}
    </div>
  );
}

function Commitment({ commitment, label, updates }: { commitment: CommitmentLines; label: string; updates: KpiUpdates | undefined }) {
  const styles = useStyles();
  const heading = useId();
  const own = updates?.get(commitment.kpiId);
  const byId = new Map((own?.ok ? own.updates : []).map((u) => [u.id, u]));
  return (
    <section className={styles.measure} aria-labelledby={heading} data-testid={`sv-measure-${commitment.kpiId}`}>
      <Text as="h3" id={heading} size={400} weight="semibold">
        {commitment.measure}: {commitment.name}
      </Text>
      <Text>
        {commitment.theme}. {proxyWords(commitment, label)}. Committed <span data-value={commitment.committed}>{moneyWords(commitment.committed, label)}</span>, delivered{" "}
        <span data-value={commitment.delivered}>{moneyWords(commitment.delivered, label)}</span>.
      </Text>
      <ScrollTable label={`${commitment.measure}: committed and delivered by period`} tall>
        <Table size="small" className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Period</TableHeaderCell>
              <TableHeaderCell>Committed</TableHeaderCell>
              <TableHeaderCell>Committed value</TableHeaderCell>
              <TableHeaderCell>Delivered</TableHeaderCell>
              <TableHeaderCell>Delivered value</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {commitment.lines.map((line) => (
              <Line key={line.period} line={line} label={label} update={line.updateId ? byId.get(line.updateId) : undefined} />
            ))}
          </TableBody>
        </Table>
      </ScrollTable>
    </section>
  );
}

function Line({ line, label, update }: { line: SocialValueLine; label: string; update: KpiUpdate | undefined }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const trace = useId();
  const delivered = moneyWords(line.deliveredValue, label);
  return (
    <Fragment>
      <TableRow data-testid="sv-line" data-kpi={line.kpiId} data-period={line.period} data-update={line.updateId ?? ""}>
        <TableCell>{periodLabel(line.period)}</TableCell>
        <TableCell data-value={line.committedQuantity}>{withUnit(line.committedQuantity, line.unit)}</TableCell>
        <TableCell data-value={line.committedValue}>{moneyWords(line.committedValue, label)}</TableCell>
        <TableCell data-value={line.deliveredQuantity}>{withUnit(line.deliveredQuantity, line.unit)}</TableCell>
        <TableCell data-value={line.deliveredValue}>
          {line.updateId ? (
            <Link as="button" aria-expanded={open} aria-controls={open ? trace : undefined} onClick={() => setOpen(!open)}>
              {delivered}
            </Link>
          ) : (
            delivered
          )}
        </TableCell>
      </TableRow>
      {open && (
        <TableRow className={styles.trace} id={trace}>
          <TableCell colSpan={5}>
            <Text size={200}>{traceWords(line, update, label)}</Text>
          </TableCell>
        </TableRow>
      )}
    </Fragment>
  );
}
