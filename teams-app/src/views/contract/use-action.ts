// A contract manager's action on the contract page (start or confirm an assessment, download or
// publish its notice): busy while it runs, and what the service refused in its words beside the
// button, with the fields it named; a refusal that finds the page out of date reads it again.
import { ApiError } from "@toms/client";
import { useCallback, useState } from "react";
import { actionProblem, type Action } from "./action-problems.js";

export interface ActionState {
  busy: boolean;
  /** What to say beside the button: the refusal, or a problem the page found itself. */
  problem: string | undefined;
  /** The refusal, for the messages it gives each field (fieldProblem). */
  refusal: ApiError | undefined;
  /** Says a problem the page found before asking the service (nothing chosen, say). */
  say(problem: string | undefined): void;
  /** Runs the action; answers the error it failed with (already said), or undefined when it worked. */
  run(act: () => Promise<void>): Promise<unknown>;
}

export function useAction(action: Action, onChanged: () => void): ActionState {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [refusal, setRefusal] = useState<ApiError>();
  const run = useCallback(
    async (act: () => Promise<void>) => {
      setBusy(true);
      setProblem(undefined);
      setRefusal(undefined);
      try {
        await act();
        return undefined;
      } catch (error) {
        const refused = actionProblem(action, error);
        setProblem(refused.message);
        if (error instanceof ApiError) setRefusal(error);
        if (refused.reload) onChanged();
        return error;
      } finally {
        setBusy(false);
      }
    },
    [action, onChanged],
  );
  return { busy, problem, refusal, say: setProblem, run };
}
