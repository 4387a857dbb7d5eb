// "Publish to colleagues": offered only for a closed year not yet published, after a confirmation
// that says who will be able to see the baseline. Publishing is once: the service keeps the first.
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, MessageBar, MessageBarBody, Text, makeStyles } from "@fluentui/react-components";
import type { BaselineView } from "@toms/client";
import { useState } from "react";
import { problemWords } from "../../common/problems.js";
import { canPublish, publishConfirmWords, publishNote } from "./campaign-model.js";
import { useDiversity } from "./use-diversity.js";

const useStyles = makeStyles({
  // The button keeps its own width in the section's column.
  action: { alignSelf: "flex-start" },
});

export function PublishBaseline({ baseline, onPublished }: { baseline: BaselineView; onPublished: (published: BaselineView) => void }) {
  const styles = useStyles();
  const diversity = useDiversity();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function publish() {
    setBusy(true);
    setError(null);
    try {
      const published = await diversity.publishBaseline(baseline.year);
      setOpen(false);
      onPublished(published);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  if (!canPublish(baseline)) return <Text data-testid="publish-state">{publishNote(baseline)}</Text>;
  const words = error ? problemWords(error) : null;
  return (
    <Dialog open={open} onOpenChange={(_, data) => !busy && setOpen(data.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="primary" className={styles.action}>
          Publish to colleagues
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Publish the {baseline.year} baseline?</DialogTitle>
          <DialogContent>
            <Text block>{publishConfirmWords(baseline.year)}</Text>
            {words && (
              <MessageBar intent="error" role="alert" layout="multiline">
                <MessageBarBody>
                  It was not published. {words.title}: {words.detail}
                </MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary" disabled={busy}>
                Cancel
              </Button>
            </DialogTrigger>
            <Button appearance="primary" disabled={busy} onClick={() => void publish()}>
              {busy ? "Publishing..." : "Publish"}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
