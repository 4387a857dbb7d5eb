// Tables of figures, the same on every view: a table too wide for a narrow pane scrolls sideways in
// its own frame (which the keyboard can reach), with its headers and its number cells set alike.
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, mergeClasses, tokens, type TableCellProps } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  scroll: {
    overflowX: "auto",
    maxWidth: "100%",
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: tokens.strokeWidthThin },
  },
  // A long table scrolls in its frame, its header staying in view.
  tall: { maxHeight: "28rem", overflowY: "auto", "& thead": { position: "sticky", top: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground1 } },
  // Auto layout: each column takes the room its words need, never squeezed to a sliver.
  table: { tableLayout: "auto", minWidth: "100%" },
  wide: { minWidth: "12rem" },
  number: { textAlign: "end", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" },
});

/** A table's frame: scrolls sideways (and, when `tall`, down with its header kept in view), named by `label`. */
export function ScrollTable({ label, tall = false, className, children }: { label: string; tall?: boolean; className?: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={mergeClasses(styles.scroll, tall && styles.tall, className)} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** A column of a FigureTable: its heading, and whether it holds numbers (set to the end) or long names (kept wide). */
export type Column = string | { label: ReactNode; numeric?: boolean; wide?: boolean };

/**
 * A table of figures in its scrolling frame: its header from `columns`, its rows (`children`,
 * TableRow elements) in the body. `minWidth` (e.g. "720px") is where it starts to scroll sideways.
 */
export function FigureTable({ label, columns, minWidth, tall, testId, children }: { label: string; columns: readonly Column[]; minWidth?: string; tall?: boolean; testId?: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <ScrollTable label={label} tall={tall}>
      <Table size="small" aria-label={label} className={styles.table} style={minWidth ? { minWidth } : undefined} data-testid={testId}>
        <TableHeader>
          <TableRow>
            {columns.map((column, i) => {
              const { label: heading, numeric, wide } = typeof column === "string" ? { label: column } : column;
              return (
                <TableHeaderCell key={i} className={mergeClasses(numeric && styles.number, wide && styles.wide)}>
                  {heading}
                </TableHeaderCell>
              );
            })}
          </TableRow>
        </TableHeader>
        <TableBody>{children}</TableBody>
      </Table>
    </ScrollTable>
  );
}

/**
 * A cell with a figure, set to the end: `children` as shown, the service's raw `value` in
 * data-value. Other attributes (data-rating, data-field) are the cell's.
 */
export function NumberCell({ value, children, className, ...cell }: { value?: number | string; children: ReactNode } & Omit<TableCellProps, "children">) {
  const styles = useStyles();
  return (
    <TableCell {...cell} className={mergeClasses(styles.number, className)} data-value={value}>
      {children}
    </TableCell>
  );
}

/** The style of a number cell, for a table that draws its own cells (a sortable header). */
export function useNumberCellStyle(): string {
  return useStyles().number;
}
