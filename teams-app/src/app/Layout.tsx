// The frame of every page: the tab's sections, who is signed in, and the page below.
import { Button, Tab, TabList, Text, makeStyles, tokens } from "@fluentui/react-components";
import { Suspense } from "react";
import { Outlet, useLocation, useNavigate } from "react-router";
import { Loading } from "../common/states.js";
import { useTab } from "../common/tab-context.js";
import { portfolioRouteOf } from "../host/index.js";
import { ROUTES } from "./routes.js";
import { SECTIONS, sectionsFor } from "./sections.js";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  user: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  // In a narrow side panel the sections wrap onto a second line rather than widen the page.
  sections: { flexWrap: "wrap" },
  main: { padding: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, minWidth: 0 },
});

function sectionOf(pathname: string): string | undefined {
  if (pathname === "/" || pathname.startsWith("/contracts") || pathname.startsWith("/suppliers")) return ROUTES.portfolio;
  return SECTIONS.find((s) => s.value !== "/" && pathname.startsWith(s.value))?.value;
}

export function Layout() {
  const styles = useStyles();
  const { me, host, signOut } = useTab();
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <nav aria-label="Sections">
          <TabList className={styles.sections} selectedValue={sectionOf(location.pathname) ?? null} onTabSelect={(_, data) => void navigate(data.value === ROUTES.portfolio ? portfolioRouteOf(host.context.entityId) : String(data.value))}>
            {sectionsFor(me.roles).map((s) => (
              <Tab key={s.value} value={s.value}>
                {s.label}
              </Tab>
            ))}
          </TabList>
        </nav>
        <div className={styles.user}>
          <Text size={200}>{me.name ?? me.userId}</Text>
          {!host.inTeams && (
            <Button size="small" appearance="subtle" onClick={signOut}>
              Sign out
            </Button>
          )}
        </div>
      </header>
      <main className={styles.main}>
        <Suspense fallback={<Loading label="Loading the page" tiles={4} />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
