import Grid from '@material-ui/core/Grid';
import { InfoCard, Progress } from '@backstage/core-components';
import type { AllocationCoverage } from '@ai-cost/plugin-ai-cost-common';
import { CardError } from '../CardError';
import { CoverageByProviderCard } from './CoverageByProviderCard';
import { CoverageSummaryCard } from './CoverageSummaryCard';
import { CoverageTrendChart } from './CoverageTrendChart';
import { TagCoverageCard } from './TagCoverageCard';

/** @public */
export interface CoverageSectionProps {
  coverage?: AllocationCoverage;
  loading: boolean;
  error?: Error;
  onRetry(): void;
}

/** Coverage against the chargeback threshold, its trend, and per provider and tag. */
export function CoverageSection(props: CoverageSectionProps) {
  const { coverage, loading, error, onRetry } = props;
  if (error) {
    return (
      <Grid item xs={12}>
        <InfoCard title="Allocation coverage">
          <CardError
            error={error}
            what="allocation coverage"
            onRetry={onRetry}
          />
        </InfoCard>
      </Grid>
    );
  }
  if (!coverage) {
    return loading ? (
      <Grid item xs={12}>
        <Progress aria-label="Loading allocation coverage" />
      </Grid>
    ) : null;
  }
  return (
    <>
      <Grid item xs={12} md={4}>
        <CoverageSummaryCard coverage={coverage} />
      </Grid>
      <Grid item xs={12} md={8}>
        <CoverageTrendChart coverage={coverage} />
      </Grid>
      <Grid item xs={12} lg={5}>
        <CoverageByProviderCard coverage={coverage} />
      </Grid>
      <Grid item xs={12} lg={7}>
        <TagCoverageCard coverage={coverage} />
      </Grid>
    </>
  );
}
