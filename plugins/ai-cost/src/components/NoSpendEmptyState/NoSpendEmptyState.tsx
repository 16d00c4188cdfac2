import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CodeSnippet, EmptyState } from '@backstage/core-components';
import {
  RELATION_MEMBER_OF,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { getEntityRelations } from '@backstage/plugin-catalog-react';
import { entityAnnotationSnippet } from '../../utils/snippets';
import { AiCostTabLink } from '../AiCostTabLink';
import { AttributionPreviewButton } from '../AttributionPreviewDialog';

function description(entity: Entity): string {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const how =
    'Add the annotation that matches where the AI usage is billed to its catalog-info.yaml; ' +
    'the next attribution run assigns the spend. When several annotations match, the most ' +
    'specific wins: API key, then project, workspace or resource, then account or tags.';
  switch (kind) {
    case 'group':
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
 * A person's empty tab: spend is counted on teams, so it names the user's
 * teams with links to their AI Cost tabs instead of advising to annotate a
 * person.
 */
function UserNoSpend(props: { entity: Entity; name: string }) {
  const { entity, name } = props;
  const teams = getEntityRelations(entity, RELATION_MEMBER_OF).map(ref =>
    stringifyEntityRef(ref),
  );
  return (
    <EmptyState
      missing="data"
      title={`No AI spend counted on ${name}`}
      description={
        teams.length > 0
          ? `AI spend is counted on teams, not on the people in them: the spend of the entities ${name}'s teams own shows on the teams' AI Cost tabs.`
          : `AI spend is counted on teams, not on the people in them, and ${name} is not a member of any team in the catalog.`
      }
      action={
        teams.length > 0 ? (
          <Box>
            <Typography variant="subtitle2" gutterBottom>
              {name}'s teams
            </Typography>
            <ul aria-label={`Teams of ${name}`}>
              {teams.map(team => (
                <li key={team}>
                  <AiCostTabLink entityRef={team} />
                </li>
              ))}
            </ul>
          </Box>
        ) : undefined
      }
    />
  );
}

/**
 * Shown when an entity has no spend and claims nothing: which annotation to
 * add, with a copyable `catalog-info.yaml` snippet for this entity and a
 * check of the pasted `catalog-info.yaml`; for a user, the teams its spend
 * is counted on.
 * @public
 */
export function NoSpendEmptyState(props: NoSpendEmptyStateProps) {
  const { entity } = props;
  const name = entity.metadata.title ?? entity.metadata.name;
  if (entity.kind.toLocaleLowerCase('en-US') === 'user') {
    return <UserNoSpend entity={entity} name={name} />;
  }
  return (
    <EmptyState
      missing="field"
      title={`No AI spend attributed to ${name}`}
      description={description(entity)}
      action={
        <Box maxWidth={720} width="100%">
          <Typography variant="subtitle2" gutterBottom>
            catalog-info.yaml
          </Typography>
          <CodeSnippet
            language="yaml"
            text={entityAnnotationSnippet(entity)}
            showCopyCodeButton
          />
          <Box mt={2} display="flex" alignItems="center" flexWrap="wrap">
            <Box mr={2}>
              <AttributionPreviewButton label="Paste your catalog-info.yaml" />
            </Box>
            <Typography variant="body2" color="textSecondary">
              See what it would claim and its spend before you merge it.
            </Typography>
          </Box>
        </Box>
      }
    />
  );
}
