// "Publish to colleagues": offered only for a closed year not yet published, after a confirmation
// that says who will be able to see the baseline. Publishing is once: the service keeps the first.
import { Button, DialogTrigger, Text, makeStyles } from "@fluentui/react-components";
import type { BaselineView } from "@toms/client";
import { useState } from "react";
import { canPublish, publishConfirmWords, publishNote } from "./campaign-model.js";
import { ConfirmDialog, useStep } from "../../common/confirm-dialog.js";
import { useDiversity } from "./use-diversity.js";

const useStyles = makeStyles({
  // The button keeps its own width in the section's column.
  action: { alignSelf: "flex-start" },
});

export function PublishBaseline({ baseline, onPublished }: { baseline: BaselineView; onPublished: (published: BaselineView) => void }) {
  const styles = useStyles();
  const diversity = useDiversity();
  const [open, setOpen] = useState(false);
  const step = useStep();

  const publish = () =>
    step.run(async () => {
      const published = await diversity.publishBaseline(baseline.year);
      setOpen(false);
      onPublished(published);
    });

  if (!canPublish(baseline)) return <Text data-testid="publish-state">{publishNote(baseline)}</Text>;
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <DialogTrigger key="trigger" disableButtonEnhancement>
          <Button appearance="primary" className={styles.action}>
            Publish to colleagues
          </Button>
        </DialogTrigger>
      }
      title={`Publish the ${baseline.year} baseline?`}
      text={publishConfirmWords(baseline.year)}
      failed="It was not published."
      error={step.error}
      busy={step.busy}
      cancel="Cancel"
      confirm="Publish"
      confirming="Publishing..."
      onConfirm={() => void publish()}
    />
  );
}
