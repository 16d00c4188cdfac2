import Typography from '@material-ui/core/Typography';
import { CodeSnippet } from '@backstage/core-components';
import type { UnallocatedItem } from '@ai-cost/plugin-ai-cost-common';
import { dimensionLabel, providerLabel } from '../../utils/labels';
import { claimSnippet } from '../../utils/snippets';

/** "Who owns this?": the annotation that claims an unallocated item, or why none can. */
export function OwnershipGuidance(props: { item: UnallocatedItem }) {
  const { item } = props;
  const what = `${providerLabel(item.provider)} ${dimensionLabel(
    item.provider,
    item.dimension,
  )}`;
  if (!item.claimWith) {
    // What the backend says would make it claimable, for this provider.
    return <Typography variant="body2">{item.hint}</Typography>;
  }
  return (
    <>
      <Typography variant="body2" gutterBottom>
        Find the team or service that uses {what} <strong>{item.value}</strong>{' '}
        and add this annotation to its <code>catalog-info.yaml</code>. If the
        entity already has <code>{item.claimWith}</code>, append the value to
        its comma-separated list. The spend moves to it on the next attribution
        run.
      </Typography>
      <CodeSnippet
        language="yaml"
        text={claimSnippet(item.claimWith, item.value)}
        showCopyCodeButton
      />
    </>
  );
}
