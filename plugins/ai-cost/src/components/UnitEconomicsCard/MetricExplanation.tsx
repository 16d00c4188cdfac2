import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { CodeSnippet } from '@backstage/core-components';
import {
  ANNOTATION_UNIT_METRIC,
  type UnitCostsResponse,
} from '@ai-cost/plugin-ai-cost-common';
import { yamlScalar } from '../../utils/snippets';

/** A `POST /api/ai-cost/metrics` body that gives the entity a value of `metric`. */
export function pushMetricSnippet(
  entityRef: string,
  metric: string,
  date: string,
): string {
  const body = {
    metrics: [{ metric, date, value: 1250, entityRef }],
  };
  return `POST /api/ai-cost/metrics\n${JSON.stringify(body, null, 2)}\n`;
}

/** The `catalog-info.yaml` lines that name the entity's own unit of value. */
export function unitMetricSnippet(metric: string): string {
  return [
    'metadata:',
    '  annotations:',
    `    ${ANNOTATION_UNIT_METRIC}: ${yamlScalar(metric)}`,
    '',
  ].join('\n');
}

/**
 * Why there is no unit cost: the metric has no value in the window. Shows
 * how to push one (pushed metrics only) and how to name the entity's own
 * unit with `ai-cost/unit-metric`.
 */
export function MetricExplanation(props: { unitCosts: UnitCostsResponse }) {
  const { unitCosts } = props;
  const ownMetric = unitCosts.builtIn
    ? 'documents_processed'
    : unitCosts.metric;
  return (
    <Alert severity="info">
      <Typography variant="body2" paragraph>
        {unitCosts.explanation}
      </Typography>
      {!unitCosts.builtIn && (
        <>
          <Typography variant="body2" gutterBottom>
            Push daily values of <code>{unitCosts.metric}</code> for this
            entity, from a job or a service account:
          </Typography>
          <Box maxWidth={560} marginBottom={2}>
            <CodeSnippet
              language="json"
              text={pushMetricSnippet(
                unitCosts.entityRef,
                unitCosts.metric,
                unitCosts.to,
              )}
              showCopyCodeButton
            />
          </Box>
        </>
      )}
      <Typography variant="body2" gutterBottom>
        Name the unit this entity delivers with the{' '}
        <code>{ANNOTATION_UNIT_METRIC}</code> annotation in its{' '}
        <code>catalog-info.yaml</code>; the card then shows it by default.
      </Typography>
      <Box maxWidth={560}>
        <CodeSnippet
          language="yaml"
          text={unitMetricSnippet(ownMetric)}
          showCopyCodeButton
        />
      </Box>
    </Alert>
  );
}
