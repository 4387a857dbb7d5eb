// The frame every view is built in: the page with its one h1 heading, and its panels, each a
// section named by its h2.
import { Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useId, type HTMLAttributes, type ReactNode } from "react";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, minWidth: 0 },
  title: { margin: 0, overflowWrap: "anywhere" },
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
    // Moved to from the page's own list of sections, it stops short of the top edge.
    scrollMarginTop: tokens.spacingVerticalL,
  },
  head: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, justifyContent: "space-between", alignItems: "center" },
});

/** The page's heading: the one h1 of every view. */
export function PageTitle({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return (
    <Text as="h1" size={600} weight="semibold" block className={styles.title}>
      {children}
    </Text>
  );
}

/**
 * A view's page: its h1 (`title`; or a `header` of the view's own that holds its PageTitle), then
 * what it shows. `busy` while it reads its data again.
 */
export function Page({ title, header, busy, children }: { title?: ReactNode; header?: ReactNode; busy?: boolean; children?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.page} aria-busy={busy || undefined}>
      {header ?? <PageTitle>{title}</PageTitle>}
      {children}
    </div>
  );
}

/**
 * A panel of the page: a section named by its h2 `title`, with `actions` (e.g. a choice of
 * grouping) beside the heading. Any other attribute (an id to move to, a data-testid) is the section's.
 */
export function PageSection({ title, actions, children, className, ...section }: { title: string; actions?: ReactNode; children: ReactNode } & Omit<HTMLAttributes<HTMLElement>, "title">) {
  const styles = useStyles();
  const heading = useId();
  return (
    <section {...section} className={mergeClasses(styles.section, className)} aria-labelledby={heading}>
      <div className={styles.head}>
        <Text as="h2" id={heading} size={500} weight="semibold">
          {title}
        </Text>
        {actions}
      </div>
      {children}
    </section>
  );
}
