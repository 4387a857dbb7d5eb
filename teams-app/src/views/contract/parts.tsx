// The pieces every section of the contract page is built from: a section with its heading, a
// table that scrolls in its own focusable frame, and a rating badge.
import { Badge, Text, makeStyles, tokens, type BadgeProps } from "@fluentui/react-components";
import { useId, type ReactNode } from "react";
import type { RatingId } from "@toms/domain";
import { ratingLabel } from "../../common/format.js";

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
    scrollMarginTop: tokens.spacingVerticalL,
  },
  scroll: {
    overflowX: "auto",
    maxWidth: "100%",
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: tokens.strokeWidthThin },
  },
  // A long table scrolls in its frame, its header staying in view.
  tall: { maxHeight: "28rem", overflowY: "auto", "& thead": { position: "sticky", top: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground1 } },
});

/** A panel of the page: a section named by its h2 heading. */
export function PageSection({ id, title, children, actions }: { id: string; title: string; children: ReactNode; actions?: ReactNode }) {
  const styles = useStyles();
  const heading = useId();
  return (
    <section id={id} className={styles.section} aria-labelledby={heading} tabIndex={-1}>
      <div style={{ display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, justifyContent: "space-between", alignItems: "center" }}>
        <Text as="h2" id={heading} size={500} weight="semibold">
          {title}
        </Text>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** A table too wide for a narrow pane scrolls sideways in this frame, which the keyboard can reach. */
export function ScrollTable({ label, tall = false, children }: { label: string; tall?: boolean; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={tall ? `${styles.scroll} ${styles.tall}` : styles.scroll} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

const RATING_COLOURS: Record<RatingId, BadgeProps["color"]> = {
  good: "success",
  approachingTarget: "warning",
  requiresImprovement: "severe",
  inadequate: "danger",
  other: "informative",
};

/** A statutory rating as a badge with its label (the label, not the colour, carries the meaning). */
export function RatingBadge({ rating, size = "medium" }: { rating: RatingId | null | undefined; size?: BadgeProps["size"] }) {
  return (
    <Badge appearance="tint" shape="rounded" size={size} color={rating ? RATING_COLOURS[rating] : "subtle"}>
      {ratingLabel(rating)}
    </Badge>
  );
}
