import { isIsoDay } from '@ai-cost/plugin-ai-cost-common';
import { ProviderApiError } from './ProviderHttpClient';
import type { UsageWindow } from './UsageRecord';

/**
 * Throws a {@link ProviderApiError} such as
 * `AWS source "aws-main": invalid window 2025-03-02..2025-03-01` unless both
 * ends of `window` are `YYYY-MM-DD` days and `from` is not after `to`.
 * `source` names the source at the start of the message.
 * @public
 */
export function assertUsageWindow(window: UsageWindow, source: string): void {
  if (
    !isIsoDay(window.from) ||
    !isIsoDay(window.to) ||
    window.from > window.to
  ) {
    throw new ProviderApiError(
      `${source}: invalid window ${window.from}..${window.to}`,
    );
  }
}
