// The tab: the host's theme, sign-in, then the pages. Deep links from Teams open their page.
import { FluentProvider } from "@fluentui/react-components";
import { Suspense, useEffect, useMemo, useState } from "react";
import { createHashRouter, Navigate, RouterProvider } from "react-router";
import type { Me } from "@toms/client";
import { TabServicesProvider, type TabServices } from "../common/tab-context.js";
import { Loading } from "../common/states.js";
import type { TabHost, TabTheme } from "../host/index.js";
import { createSession } from "../session.js";
import { Layout } from "./Layout.js";
import { sectionsFor } from "./sections.js";
import { ConfigView, ContractView, DiversityView, NotFound, OverdueView, PortfolioView, ROUTES, SocialValueView, SupplierView } from "./routes.js";
import { SignIn } from "./SignIn.js";
import { FLUENT_THEMES } from "./themes.js";

function createRouter(me: Me) {
  // An EDI analyst sees no contracts: their tab opens on supplier diversity.
  const opensOnDiversity = !sectionsFor(me.roles).some((section) => section.value === ROUTES.portfolio);
  return createHashRouter([
    {
      path: "/config",
      element: (
        <Suspense fallback={<Loading label="Loading the tab's settings" />}>
          <ConfigView />
        </Suspense>
      ),
    },
    {
      path: "/",
      element: <Layout />,
      children: [
        { index: true, element: opensOnDiversity ? <Navigate to={ROUTES.diversity} replace /> : <PortfolioView /> },
        { path: "contracts/:contractId", element: <ContractView /> },
        { path: "suppliers/:supplierId", element: <SupplierView /> },
        { path: "social-value", element: <SocialValueView /> },
        { path: "overdue", element: <OverdueView /> },
        { path: "diversity", element: <DiversityView /> },
        { path: "portfolio", element: <Navigate to="/" replace /> },
        { path: "*", element: <NotFound /> },
      ],
    },
  ]);
}

export function App({ host }: { host: TabHost }) {
  const [theme, setTheme] = useState<TabTheme>(host.theme());
  useEffect(() => host.onThemeChange(setTheme), [host]);
  const session = useMemo(() => createSession(host), [host]);
  const [me, setMe] = useState<Me | null>(null);
  const router = useMemo(() => (me ? createRouter(me) : null), [host, me]);
  const services = useMemo<TabServices | null>(
    () =>
      me && {
        client: session.client,
        host,
        me,
        moneyLabel: me.moneyLabel,
        signOut: () => {
          session.signOut();
          setMe(null);
        },
      },
    [host, me, session],
  );
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <FluentProvider theme={FLUENT_THEMES[theme]} style={{ minHeight: "100vh" }}>
      {services && router ? (
        <TabServicesProvider value={services}>
          <RouterProvider router={router} />
        </TabServicesProvider>
      ) : (
        <SignIn host={host} session={session} onSignedIn={setMe} />
      )}
    </FluentProvider>
  );
}
