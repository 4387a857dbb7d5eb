import { Link } from "@fluentui/react-components";
import { Empty } from "../common/states.js";

export function NotFound() {
  return (
    <Empty title="There is no such page in the tab">
      The link may be out of date. <Link href="#/">Go to your portfolio</Link>.
    </Empty>
  );
}
