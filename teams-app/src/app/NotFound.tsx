// The page for an address the tab has no page for (an old link), loaded like the views.
import { Link } from "@fluentui/react-components";
import { Page } from "../common/page.js";
import { Empty } from "../common/states.js";

export default function NotFound() {
  return (
    <Page title="Page not found">
      <Empty title="There is no such page in the tab">
        The link may be out of date. <Link href="#/">Go to your portfolio</Link>.
      </Empty>
    </Page>
  );
}
