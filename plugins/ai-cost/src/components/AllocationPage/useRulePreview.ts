import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { AllocationRulePreview } from '@ai-cost/plugin-ai-cost-common';
import { aiCostApiRef, type AllocationRuleBody } from '../../api';
import { errorMessage } from '../../utils/errors';

/** How long the editor waits after the last keystroke before previewing. */
export const PREVIEW_DELAY_MS = 500;

export interface RulePreviewState {
  loading: boolean;
  preview?: AllocationRulePreview;
  /** The server's message, e.g. a 400 naming the bad field or a 403. */
  error?: string;
}

/**
 * Previews a candidate rule `PREVIEW_DELAY_MS` after it last changed;
 * answers to older candidates are dropped. Nothing while `body` is undefined.
 */
export function useRulePreview(body?: AllocationRuleBody): RulePreviewState {
  const api = useApi(aiCostApiRef);
  const [state, setState] = useState<RulePreviewState>({ loading: false });
  const key = body ? JSON.stringify(body) : undefined;

  useEffect(() => {
    if (!key) {
      setState({ loading: false });
      return undefined;
    }
    let current = true;
    setState(previous => ({ ...previous, loading: true }));
    const timer = setTimeout(() => {
      api.previewAllocationRule(JSON.parse(key)).then(
        preview => current && setState({ loading: false, preview }),
        error =>
          current && setState({ loading: false, error: errorMessage(error) }),
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, key]);

  return state;
}
