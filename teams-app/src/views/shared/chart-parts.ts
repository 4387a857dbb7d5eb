// What every chart of the tab sets alike. Imported only by view files and views/shared, so that the
// charts' code stays out of the tab's first page.
import type { LegendsProps } from "@fluentui/react-charts";
import { makeStyles } from "@fluentui/react-components";

const useStyles = makeStyles({
  // The charts' legends capitalise every word; ratings and labels are written as they should read.
  legendText: { textTransform: "none" },
});

/** A chart's legend: reachable by keyboard, wrapping in a narrow pane, in its words' own capitals. */
export function useLegendProps(): Partial<LegendsProps> {
  const styles = useStyles();
  return { allowFocusOnLegends: true, styles: { text: styles.legendText } };
}
