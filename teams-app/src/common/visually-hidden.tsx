// Words for a screen reader only: what a button acts on, or a live announcement of what just
// happened, kept off the screen but not out of the page.
import { makeStyles } from "@fluentui/react-components";
import type { HTMLAttributes } from "react";

const useStyles = makeStyles({
  hidden: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clipPath: "inset(50%)", whiteSpace: "nowrap" },
});

/** A span read by screen readers and not shown; its attributes (id, role, aria-live) are the span's. */
export function VisuallyHidden(props: HTMLAttributes<HTMLSpanElement>) {
  return <span {...props} className={useStyles().hidden} />;
}
