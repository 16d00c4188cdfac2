import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CodeSnippet, EmptyState } from '@backstage/core-components';
import type { Entity } from '@backstage/catalog-model';
import { entityAnnotationSnippet } from '../../utils/snippets';

function description(entity: Entity): string {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const how =
    'Add the annotation that matches where the AI usage is billed to its catalog-info.yaml; ' +
    'the next attribution run assigns the spend. When several annotations match, the most ' +
    'specific wins: API key, then project, workspace or resource, then account or tags.';
  switch (kind) {
    case 'group':
    case 'user':
      return `A ${kind} collects the AI spend of the entities it owns. Annotate those entities, or this ${kind} for spend it owns directly, such as a shared account. ${how}`;
    case 'system':
    case 'domain':
      return `A ${kind} collects the AI spend of its parts. Annotate its components and resources, or this ${kind} for spend shared by all of them. ${how}`;
    default:
      return `Nothing claims AI spend for this ${kind} yet. ${how}`;
  }
}

/** @public */
export interface NoSpendEmptyStateProps {
  entity: Entity;
}

/**
 * Shown when an entity has no spend and claims nothing: which annotation to
 * add, with a copyable `catalog-info.yaml` snippet for this entity.
 * @public
 */
export function NoSpendEmptyState(props: NoSpendEmptyStateProps) {
  const { entity } = props;
  const name = entity.metadata.title ?? entity.metadata.name;
  return (
    <EmptyState
      missing="field"
      title={`No AI spend attributed to ${name}`}
      description={description(entity)}
      action={
        <Box maxWidth={720}>
          <Typography variant="subtitle2" gutterBottom>
            catalog-info.yaml
          </Typography>
          <CodeSnippet
            language="yaml"
            text={entityAnnotationSnippet(entity)}
            showCopyCodeButton
          />
        </Box>
      }
    />
  );
}
