// The channel tab's Save in Teams: whatever the settings page answers, Teams is told whether it saved.
import { beforeEach, describe, expect, it, vi } from "vitest";

type SaveEvent = { notifySuccess: () => void; notifyFailure: (reason?: string) => void };
const teams = vi.hoisted(() => ({ onSave: undefined as ((event: SaveEvent) => void) | undefined, setConfig: vi.fn<(config: unknown) => Promise<void>>() }));

vi.mock("@microsoft/teams-js", () => ({
  app: {
    initialize: () => Promise.resolve(),
    getContext: () => Promise.resolve({ app: { locale: "en-GB", theme: "default" }, page: { id: "tab", frameContext: "settings" } }),
    registerOnThemeChangeHandler: () => undefined,
    notifySuccess: () => Promise.resolve(),
  },
  authentication: { getAuthToken: () => Promise.resolve("token") },
  pages: {
    shareDeepLink: () => undefined,
    config: {
      setValidityState: () => undefined,
      registerOnSaveHandler: (handler: (event: SaveEvent) => void) => {
        teams.onSave = handler;
      },
      setConfig: teams.setConfig,
    },
  },
}));

const { connectTeams } = await import("./teams-host.js");

function saveEvent() {
  return { notifySuccess: vi.fn(), notifyFailure: vi.fn() };
}

/** Waits for the promise callbacks queued by the handler to run. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("Save on the channel tab's settings page", () => {
  beforeEach(() => {
    teams.onSave = undefined;
    teams.setConfig.mockReset();
    vi.stubGlobal("window", { location: { href: "https://toms.example/tab/#/config" } });
  });

  it("tells Teams it failed, with the page's words, when the page has nothing to save", async () => {
    const host = await connectTeams();
    host.configuration?.onSave(() => {
      throw new Error("Choose what the tab shows first.");
    });
    const event = saveEvent();
    teams.onSave?.(event);
    await settled();
    expect(event.notifyFailure).toHaveBeenCalledWith("Choose what the tab shows first.");
    expect(event.notifySuccess).not.toHaveBeenCalled();
    expect(teams.setConfig).not.toHaveBeenCalled();
  });

  it("saves the tab's address, id and name, and tells Teams it saved", async () => {
    teams.setConfig.mockResolvedValue(undefined);
    const host = await connectTeams();
    host.configuration?.onSave(() => ({ route: "#/contracts/c-1", entityId: "contract:c-1", displayName: "CCC-2024-037 contract" }));
    const event = saveEvent();
    teams.onSave?.(event);
    await settled();
    expect(teams.setConfig).toHaveBeenCalledWith({ contentUrl: "https://toms.example/tab/#/contracts/c-1", websiteUrl: "https://toms.example/tab/#/contracts/c-1", entityId: "contract:c-1", suggestedDisplayName: "CCC-2024-037 contract" });
    expect(event.notifySuccess).toHaveBeenCalled();
    expect(event.notifyFailure).not.toHaveBeenCalled();
  });

  it("tells Teams it failed when Teams refuses the configuration", async () => {
    teams.setConfig.mockRejectedValue(new Error("The tab's address is not in the app's valid domains."));
    const host = await connectTeams();
    host.configuration?.onSave(() => ({ route: "#/", entityId: "portfolio", displayName: "Contract portfolio" }));
    const event = saveEvent();
    teams.onSave?.(event);
    await settled();
    expect(event.notifyFailure).toHaveBeenCalledWith("The tab's address is not in the app's valid domains.");
  });
});
