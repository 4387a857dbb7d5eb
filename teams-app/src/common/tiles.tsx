// Tiles: a row of figures at the top of a view (contracts, updates overdue, social value...), one
// column at Teams' 320 px side panel and as many as fit beside each other above that. Each figure
// carries the service's own number in data-value.
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  tiles: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 13rem), 1fr))", gap: tokens.spacingHorizontalM, margin: 0, padding: 0, listStyleType: "none" },
  tile: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalL,
    minWidth: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
  },
  count: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: "tabular-nums" },
  // Money runs long ("Coventry £12,345,678"): a smaller size, and it may break.
  money: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
});

/** The list of tiles, named by `label` for a screen reader (e.g. "Totals"). */
export function Tiles({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <ul className={styles.tiles} aria-label={label} data-testid={testId}>
      {children}
    </ul>
  );
}

/**
 * One tile: its title, then its figures and notes (`children`). `name` is its data-tile and
 * `testId` its data-testid, for the browser tests.
 */
export function Tile({ title, name, testId, children }: { title: string; name?: string; testId?: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <li className={styles.tile} data-tile={name} data-testid={testId}>
      <Text weight="semibold">{title}</Text>
      {children}
    </li>
  );
}

/**
 * A tile's figure as shown (`children`), with the service's raw `value` in data-value: a count in
 * large type, or an amount of money a size smaller. `testId` and `field` (data-field) name it for the tests.
 */
export function Figure({ value, kind = "count", testId, field, children }: { value: number; kind?: "count" | "money"; testId?: string; field?: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <span className={kind === "money" ? styles.money : styles.count} data-value={value} data-testid={testId} data-field={field}>
      {children}
    </span>
  );
}

/** A line of words under a tile's figure. */
export function TileNote({ children }: { children: ReactNode }) {
  return <Text size={200}>{children}</Text>;
}
