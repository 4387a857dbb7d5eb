// The three states every view has besides its data: loading (a skeleton of its shape), failed
// (in words, with what to do), and empty (what to do next); and WhenLoaded, which shows the first
// two for a load and its data once it has come.
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Skeleton, SkeletonItem, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { problemWords } from "./problems.js";
import { useTab } from "./tab-context.js";
import type { Loaded } from "./use-load.js";

const useStyles = makeStyles({
  skeleton: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  tiles: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(160px, 1fr))", gap: tokens.spacingHorizontalM },
  empty: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, padding: tokens.spacingVerticalXL, alignItems: "flex-start" },
});

/** A skeleton of a view: a row of tiles and some lines, announced as loading. */
export function Loading({ label, tiles = 0, lines = 6 }: { label: string; tiles?: number; lines?: number }) {
  const styles = useStyles();
  return (
    <div role="status" aria-live="polite" aria-busy="true" aria-label={label}>
      <Skeleton className={styles.skeleton}>
        {tiles > 0 && (
          <div className={styles.tiles}>
            {Array.from({ length: tiles }, (_, i) => (
              <SkeletonItem key={i} shape="rectangle" size={96} />
            ))}
          </div>
        )}
        {Array.from({ length: lines }, (_, i) => (
          <SkeletonItem key={i} size={16} />
        ))}
      </Skeleton>
    </div>
  );
}

/** A failure in words, with Try again or Sign in again where that can help. */
export function Failed({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { signOut } = useTab();
  const words = problemWords(error);
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{words.title}</MessageBarTitle> {words.detail}
      </MessageBarBody>
      <MessageBarActions>
        {words.action === "retry" && onRetry && <Button onClick={onRetry}>Try again</Button>}
        {words.action === "sign-in" && <Button onClick={signOut}>Sign in again</Button>}
      </MessageBarActions>
    </MessageBar>
  );
}

/** Nothing to show yet, and what to do about it. */
export function Empty({ title, children }: { title: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.empty} role="note">
      <Text weight="semibold" size={400}>
        {title}
      </Text>
      <Text>{children}</Text>
    </div>
  );
}

/**
 * A load as the page shows it: `<Loading>` (labelled "Loading …") while it comes, `<Failed>` with
 * Try again if it fails, and then `children` of its data (nothing without them: a page that
 * draws its data itself once it is ready).
 */
export function WhenLoaded<T>({ loaded, label, tiles, lines, children }: { loaded: Loaded<T>; label: string; tiles?: number; lines?: number; children?: (data: T) => ReactNode }) {
  if (loaded.state === "loading") return <Loading label={label} tiles={tiles} lines={lines} />;
  if (loaded.state === "failed") return <Failed error={loaded.error} onRetry={loaded.retry} />;
  return <>{children?.(loaded.data)}</>;
}
