import type { SourceKind } from '../vocabulary.ts';

/** The filters every report takes, echoed in its scope (ISO-8601 period, `to` exclusive). */
export type ReportScope = {
  campaignId?: string | undefined;
  sourceId?: string | undefined;
  sourceKind?: SourceKind | undefined;
  from?: string | undefined;
  to?: string | undefined;
};
