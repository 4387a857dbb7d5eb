// Placeholder until the report workbook lands (the notice helper's file replaces this one).
import type { SocialValueReport } from "@toms/domain";

export async function socialValueReportWorkbook(_report: SocialValueReport): Promise<Buffer> {
  throw new Error("Not implemented yet: socialValueReportWorkbook");
}
