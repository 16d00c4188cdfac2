import type { ShadowAiResponse } from '@ai-cost/plugin-ai-cost-common';
import { roundPartsToTotal, roundSharesToWhole } from '../../utils/roundParts';

/** The report as shown: amounts rounded to cents so the parts add up to the shown total. */
export interface ShownShadowAi {
  total: number;
  approved: number;
  shadow: number;
  /** Of the total, as ratios adding up to 100% (when nothing is negative). */
  approvedShare: number;
  shadowShare: number;
  /** Each vendor's cost as shown, in the order of the report. */
  vendorCosts: number[];
}

/** Cents arithmetic without binary floating point noise. */
const toCents = (amount: number) => Math.round(amount * 100);

/**
 * Rounds the report for display once: the vendors' costs add up to the
 * shown total, and approved and shadow are the sums of the shown costs of
 * the approved and the other vendors, so they add up to it too and match
 * the table.
 */
export function shownShadowAi(report: ShadowAiResponse): ShownShadowAi {
  const vendorCosts = roundPartsToTotal(
    report.vendors.map(v => v.cost),
    report.total,
  );
  const approvedCents = report.vendors.reduce(
    (sum, vendor, i) => (vendor.approved ? sum + toCents(vendorCosts[i]) : sum),
    0,
  );
  const approved = approvedCents / 100;
  const shadow = (toCents(report.total) - approvedCents) / 100;
  const [approvedShare, shadowShare] = roundSharesToWhole([approved, shadow]);
  return {
    total: report.total,
    approved,
    shadow,
    approvedShare,
    shadowShare,
    vendorCosts,
  };
}
