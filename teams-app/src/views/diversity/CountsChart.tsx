// One question of the baseline as a bar chart and a table of the same counts: a count that is not
// shown is not drawn (never as 0) and is named under the chart; the table says "Not shown", with
// each answer's share and its change since the last published year where there is one.
import { HorizontalBarChartWithAxis, ResponsiveContainer, type HorizontalBarChartWithAxisDataPoint } from "@fluentui/react-charts";
import { TableCell, TableRow, Text } from "@fluentui/react-components";
import { useCallback, useMemo, useSyncExternalStore } from "react";
import { ChartOrTable, type HeadingLevel } from "../../common/chart-or-table.js";
import { formatNumber } from "../../common/format.js";
import { FigureTable, NumberCell } from "../../common/table.js";
import { useChartColours } from "../../common/use-chart-theme.js";
import { changeLine, changeWords, countWords, notShownWords, shareWords, showsAnyCount, type CountRow } from "./baseline-model.js";

const BAR_HEIGHT = 24;

// Answers' labels run long ("Any other Black, Black British or Caribbean background"): written in
// full where there is room, and cut short with the full label on hover in a narrow pane (Teams'
// side panel), where in full they would leave the bars no room. The table has them in full.
const ROOM_FOR_LABELS = "(min-width: 640px)";

function useRoomForLabels(): boolean {
  const subscribe = useCallback((changed: () => void) => {
    const query = window.matchMedia(ROOM_FOR_LABELS);
    query.addEventListener("change", changed);
    return () => query.removeEventListener("change", changed);
  }, []);
  return useSyncExternalStore(subscribe, () => window.matchMedia(ROOM_FOR_LABELS).matches);
}

export function CountsChart({ title, description, rows, threshold, previousYear, level = 3, testId }: { title: string; description?: string; rows: readonly CountRow[]; threshold: number; previousYear?: number; level?: HeadingLevel; testId?: string }) {
  const colour = useChartColours().socialValue.committed;
  const roomForLabels = useRoomForLabels();
  const shown = useMemo(() => rows.filter((row): row is CountRow & { count: number } => row.count !== null), [rows]);
  // The chart draws its first point at the bottom: reversed, the first answer reads at the top, as in the table.
  const data = useMemo<HorizontalBarChartWithAxisDataPoint[]>(
    () =>
      [...shown].reverse().map((row) => ({
        y: row.label,
        x: row.count,
        color: colour,
        legend: row.label,
        xAxisCalloutData: row.label,
        yAxisCalloutData: `${formatNumber(row.count)} ${row.count === 1 ? "business" : "businesses"}${row.share === null ? "" : ` (${shareWords(row.share)})`}`,
      })),
    [shown, colour],
  );
  const hidden = notShownWords(rows, threshold);
  const hasChange = previousYear !== undefined && rows.some((row) => row.change !== undefined);

  const chart = showsAnyCount(rows) ? (
    <>
      <ResponsiveContainer height={Math.max(120, shown.length * (BAR_HEIGHT + 16) + 60)}>
        <HorizontalBarChartWithAxis data={data} chartTitle={title} barHeight={BAR_HEIGHT} hideLegend useSingleColor colors={[colour]} xAxisTitle="Businesses" culture="en-GB" {...(roomForLabels ? { showYAxisLables: true } : { showYAxisLablesTooltip: true, margins: { left: 96 } })} />
      </ResponsiveContainer>
      {hidden && (
        <Text block size={200}>
          {hidden}
        </Text>
      )}
      {hasChange && (
        <Text block size={200}>
          {changeLine(rows, previousYear)}
        </Text>
      )}
    </>
  ) : (
    <Text>No count of this question can be shown: each is fewer than {threshold}, or would let one be worked out. The table lists its answers.</Text>
  );

  const table = (
    <FigureTable
      label={title}
      testId={testId}
      columns={[
        { label: "Answer", wide: true },
        { label: "Businesses", numeric: true },
        { label: "Share of those who answered", numeric: true },
        ...(hasChange ? [{ label: `Change since ${previousYear}`, numeric: true }] : []),
      ]}
    >
      {rows.map((row) => (
        <TableRow key={row.value} data-value={row.value} data-shown={row.count !== null}>
          <TableCell>{row.label}</TableCell>
          <NumberCell value={row.count ?? undefined}>{countWords(row.count)}</NumberCell>
          <NumberCell>{shareWords(row.share)}</NumberCell>
          {hasChange && <NumberCell value={row.change ?? undefined}>{changeWords(row.change)}</NumberCell>}
        </TableRow>
      ))}
    </FigureTable>
  );

  return <ChartOrTable title={title} level={level} {...(description ? { description } : {})} chart={chart} table={table} />;
}
