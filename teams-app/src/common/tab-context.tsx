// What every view may use: the signed-in user, the client, the host and the money label.
import { createContext, useContext } from "react";
import type { Me, TomsClient } from "@toms/client";
import type { TabHost } from "../host/index.js";

export interface TabServices {
  client: TomsClient;
  host: TabHost;
  me: Me;
  /** The label money is shown in, e.g. "Coventry £" (from the service's settings). */
  moneyLabel: string;
  /** Signs out and shows the sign-in page (also after an expired sign-in). */
  signOut(): void;
}

const Services = createContext<TabServices | null>(null);
export const TabServicesProvider = Services.Provider;

/** The tab's services; only inside the signed-in shell. */
export function useTab(): TabServices {
  const services = useContext(Services);
  if (!services) throw new Error("useTab is used outside the signed-in tab.");
  return services;
}
