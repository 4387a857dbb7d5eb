// What the contract page reads, each part loaded on its own so that each section has its own
// skeleton and failure; `refresh` reads it all again after the page changes something.
import { useCallback, useState } from "react";
import type { AssessmentView, ContractDashboard, ContractDetail, ContractSocialValue, KpiUpdate, TomsClient } from "@toms/client";
import { useLoad, type Loaded } from "../../common/use-load.js";

/** Each KPI's updates, or why they could not be read. */
export type LoadedUpdates = { ok: true; updates: KpiUpdate[] } | { ok: false; error: unknown };
export type KpiUpdates = Map<string, LoadedUpdates>;

export interface ContractLoads {
  dashboard: Loaded<ContractDashboard>;
  detail: Loaded<ContractDetail>;
  socialValue: Loaded<ContractSocialValue>;
  assessments: Loaded<AssessmentView[]>;
  /** Loading until the dashboard has said which KPIs there are. */
  updates: Loaded<KpiUpdates>;
  refresh: () => void;
}

export function useContract(client: TomsClient, contractId: string): ContractLoads {
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const dashboard = useLoad(() => client.contractDashboard(contractId), [client, contractId], version);
  const detail = useLoad(() => client.contract(contractId), [client, contractId], version);
  const socialValue = useLoad(() => client.socialValue(contractId), [client, contractId], version);
  const assessments = useLoad(() => client.assessments(contractId), [client, contractId], version);
  const kpiIds = dashboard.state === "ready" ? dashboard.data.kpis.map((k) => k.kpi.id) : undefined;
  const key = kpiIds?.join(" ");
  const loaded = useLoad(async () => {
    if (!kpiIds) return { key, updates: new Map() as KpiUpdates };
    const settled = await Promise.allSettled(kpiIds.map((id) => client.updates(contractId, id)));
    const updates: KpiUpdates = new Map(kpiIds.map((id, i) => {
      const result = settled[i] as PromiseSettledResult<KpiUpdate[]>;
      return [id, result.status === "fulfilled" ? { ok: true, updates: result.value } : { ok: false, error: result.reason as unknown }];
    }));
    return { key, updates };
  }, [client, contractId, key], version);
  // Until the updates read are those of the KPIs the dashboard names, they are still loading.
  const updates: Loaded<KpiUpdates> =
    loaded.state !== "ready"
      ? loaded
      : key === undefined || loaded.data.key !== key
        ? dashboard.state === "failed"
          ? { state: "failed", error: dashboard.error, retry: refresh }
          : { state: "loading", retry: refresh }
        : { state: "ready", data: loaded.data.updates, retry: refresh, reloading: loaded.reloading };
  return { dashboard, detail, socialValue, assessments, updates, refresh };
}
