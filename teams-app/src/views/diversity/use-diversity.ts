// The diversity calls for the view: a DiversityClient over the tab's own client, so every call
// carries the same sign-in, and no component calls fetch.
import { DiversityClient } from "@toms/client";
import { useMemo } from "react";
import { useTab } from "../../common/tab-context.js";

/** The DiversityClient of the signed-in tab (the same one while its TomsClient is the same). */
export function useDiversity(): DiversityClient {
  const { client } = useTab();
  return useMemo(() => DiversityClient.sharing(client), [client]);
}
