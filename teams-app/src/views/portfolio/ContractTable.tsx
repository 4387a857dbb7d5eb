// The portfolio's contract table: search, filters, sortable columns and pages, all in the page's
// address (see portfolio-table.ts), 50 contracts a page so that 500 stay quick to draw.
import { Badge, Button, Dropdown, Field, Link, Option, SearchBox, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { CONTRACT_STATUSES, RATINGS, type ContractStatus, type PortfolioContract } from "@toms/domain";
import { useEffect, useMemo, useRef, useState } from "react";
import { ROUTES } from "../../app/routes.js";
import { formatDate, formatMoney, formatNumber, statusLabel } from "../../common/format.js";
import { RatingName } from "../../common/rating-parts.js";
import { Empty } from "../../common/states.js";
import { NumberCell, ScrollTable, useNumberCellStyle } from "../../common/table.js";
import { useTab } from "../../common/tab-context.js";
import {
  changeTable,
  clearFilters,
  hasFilters,
  managerOptions,
  managerText,
  matchingContracts,
  NOT_RATED,
  pageOf,
  sortTableBy,
  supplierText,
  TABLE_COLUMNS,
  tableSummary,
  type FilterOption,
  type TableState,
} from "./portfolio-table.js";

const ALL = "all";

const useStyles = makeStyles({
  frame: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  filters: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, alignItems: "flex-end" },
  filter: { flex: "1 1 12rem", minWidth: 0, maxWidth: "100%" },
  search: { flex: "2 1 16rem", minWidth: 0, maxWidth: "100%" },
  dropdown: { minWidth: 0, width: "100%" },
  // The table is not in a panel of its own: its frame gives it the panels' background.
  scroller: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  table: { tableLayout: "auto", minWidth: "100%", width: "max-content" },
  nowrap: { whiteSpace: "nowrap" },
  title: { minWidth: "12rem", maxWidth: "24rem" },
  wrap: { minWidth: "8rem", maxWidth: "14rem" },
  pager: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
});

const NUMERIC = new Set(["overdue", "reviews", "committed", "delivered"]);

function FilterDropdown({ label, value, allLabel, options, onChange }: { label: string; value: string | null; allLabel: string; options: readonly FilterOption[]; onChange: (value: string | null) => void }) {
  const styles = useStyles();
  const shown = options.find((o) => o.value === value)?.label ?? (value ?? allLabel);
  return (
    <Field label={label} className={styles.filter}>
      <Dropdown className={styles.dropdown} value={shown} selectedOptions={[value ?? ALL]} onOptionSelect={(_, data) => onChange(data.optionValue === ALL || data.optionValue === undefined ? null : data.optionValue)}>
        <Option value={ALL}>{allLabel}</Option>
        {options.map((o) => (
          <Option key={o.value} value={o.value}>
            {o.label}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

/**
 * The search box: what is typed shows at once and goes into the address without adding to the
 * history (Back leaves the page, not the last letter); a change of the address from elsewhere
 * (Clear the filters, a link) replaces it.
 */
function SearchField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const styles = useStyles();
  const [typed, setTyped] = useState(value);
  // What was typed and not yet seen back in the address, oldest first: the address catches up a
  // keystroke or two behind fast typing, and an older value coming back must not undo newer letters.
  const pending = useRef<string[]>([]);
  useEffect(() => {
    const at = pending.current.indexOf(value);
    if (at >= 0) {
      pending.current.splice(0, at + 1);
      return;
    }
    pending.current = [];
    setTyped(value);
  }, [value]);
  return (
    <Field label="Search" hint="Reference, title or supplier" className={styles.search}>
      <SearchBox
        value={typed}
        onChange={(_, data) => {
          setTyped(data.value);
          pending.current.push(data.value);
          onChange(data.value);
        }}
      />
    </Field>
  );
}

export interface ContractTableProps {
  contracts: readonly PortfolioContract[];
  /** The service areas, in the dashboard's order ("Not recorded" last). */
  serviceAreas: readonly string[];
  state: TableState;
  /** `replace`: change the address without a new history entry (typing a search). */
  onChange: (state: TableState, options?: { replace?: boolean }) => void;
}

export function ContractTable({ contracts, serviceAreas, state, onChange }: ContractTableProps) {
  const styles = useStyles();
  const number = useNumberCellStyle();
  const { moneyLabel } = useTab();
  const matching = useMemo(() => matchingContracts(contracts, state), [contracts, state]);
  const page = pageOf(matching, state.page);
  const managers = useMemo(() => managerOptions(contracts), [contracts]);
  const areaOptions = useMemo(() => {
    const areas = state.serviceArea && !serviceAreas.includes(state.serviceArea) ? [...serviceAreas, state.serviceArea] : serviceAreas;
    return areas.map((a) => ({ value: a, label: a }));
  }, [serviceAreas, state.serviceArea]);
  const statusOptions = CONTRACT_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }));
  const ratingOptions = [...RATINGS.map((r) => ({ value: r.id as string, label: r.label })), { value: NOT_RATED, label: "Not yet rated" }];
  const summary = tableSummary(page);

  return (
    <div className={styles.frame}>
      <div className={styles.filters} role="search" aria-label="Find contracts">
        <SearchField value={state.q} onChange={(q) => onChange(changeTable(state, { q }), { replace: true })} />
        <FilterDropdown label="Status" value={state.status} allLabel="All statuses" options={statusOptions} onChange={(status) => onChange(changeTable(state, { status: status as ContractStatus | null }))} />
        <FilterDropdown label="Service area" value={state.serviceArea} allLabel="All service areas" options={areaOptions} onChange={(serviceArea) => onChange(changeTable(state, { serviceArea }))} />
        <FilterDropdown label="Rating (worst)" value={state.rating} allLabel="All ratings" options={ratingOptions} onChange={(rating) => onChange(changeTable(state, { rating: rating as TableState["rating"] }))} />
        <FilterDropdown label="Manager" value={state.manager} allLabel="All managers" options={managers} onChange={(manager) => onChange(changeTable(state, { manager }))} />
      </div>

      <Text role="status" aria-live="polite" data-testid="table-summary" data-total={page.total}>
        {summary}
      </Text>

      {page.total === 0 ? (
        <Empty title="No contracts match">
          {hasFilters(state) ? (
            <>
              No contract has everything chosen above.{" "}
              <Button appearance="primary" size="small" onClick={() => onChange(clearFilters(state))}>
                Clear the filters
              </Button>
            </>
          ) : (
            "There are no contracts to list."
          )}
        </Empty>
      ) : (
        <>
          <ScrollTable label="Contracts table: scroll sideways for more columns" className={styles.scroller}>
            <Table sortable aria-label="Contracts" className={styles.table} data-testid="contract-table" size="small">
              <TableHeader>
                <TableRow>
                  {TABLE_COLUMNS.map((column) => (
                    <TableHeaderCell
                      key={column.key}
                      className={NUMERIC.has(column.key) ? number : styles.nowrap}
                      sortDirection={state.sort === column.key ? state.direction : undefined}
                      onClick={() => onChange(sortTableBy(state, column.key))}
                    >
                      {column.label}
                    </TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {page.rows.map((row) => (
                  <TableRow key={row.contractId} data-contract-id={row.contractId}>
                    <TableCell className={styles.nowrap}>
                      <Link href={`#${ROUTES.contract(row.contractId)}`}>{row.reference}</Link>
                    </TableCell>
                    <TableCell className={styles.title}>{row.title}</TableCell>
                    <TableCell className={styles.wrap}>
                      <Link href={`#${ROUTES.supplier(row.supplierId)}`}>{supplierText(row)}</Link>
                    </TableCell>
                    <TableCell className={styles.wrap}>{row.serviceArea}</TableCell>
                    <TableCell className={styles.nowrap}>{managerText(row)}</TableCell>
                    <TableCell className={styles.nowrap} data-value={row.status}>
                      {statusLabel(row.status)}
                    </TableCell>
                    <TableCell data-value={row.rating ?? ""}>
                      <RatingName rating={row.rating} />
                    </TableCell>
                    <NumberCell value={row.overdueUpdates}>{formatNumber(row.overdueUpdates)}</NumberCell>
                    <NumberCell value={row.reviewsWaiting}>{formatNumber(row.reviewsWaiting)}</NumberCell>
                    <TableCell className={styles.nowrap} data-value={row.assessment?.due ?? ""}>
                      {row.assessment ? (
                        <>
                          {formatDate(row.assessment.due)}{" "}
                          {row.assessment.isDue && (
                            <Badge appearance="tint" color="warning" size="small">
                              Due
                            </Badge>
                          )}
                        </>
                      ) : (
                        "None scheduled"
                      )}
                    </TableCell>
                    <NumberCell value={row.socialValue.committed}>{formatMoney(row.socialValue.committed, moneyLabel)}</NumberCell>
                    <NumberCell value={row.socialValue.delivered}>{formatMoney(row.socialValue.delivered, moneyLabel)}</NumberCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollTable>
          {page.pages > 1 && (
            <nav className={styles.pager} aria-label="Pages of contracts">
              <Button disabledFocusable={page.page <= 1} onClick={() => onChange({ ...state, page: page.page - 1 })}>
                Previous page
              </Button>
              <Text>
                Page {formatNumber(page.page)} of {formatNumber(page.pages)}
              </Text>
              <Button disabledFocusable={page.page >= page.pages} onClick={() => onChange({ ...state, page: page.page + 1 })}>
                Next page
              </Button>
            </nav>
          )}
        </>
      )}
    </div>
  );
}
