/** What each provider's spend without any claimable dimension is, and how to make it claimable. */
const UNCLAIMABLE: Record<string, string> = {
  openai:
    'OpenAI reports this spend without a project or API key id. Move the traffic into one project per team and claim it with ai-cost/openai-project-id, or send it through a gateway that tags each request and claim it with ai-cost/gateway-tags.',
  anthropic:
    'Anthropic reports this spend without a workspace or API key id. Claim the default workspace with "ai-cost/anthropic-workspace-id: default", or give each team a workspace of its own.',
  aws: 'AWS reports this cost without a linked account, resource or cost-allocation tag. Claim the account with ai-cost/aws-account-id, or activate cost-allocation tags and claim them with ai-cost/aws-tags.',
  gcp: 'Google Cloud reports this cost without a project or label. Claim the project with ai-cost/gcp-project-id, or label the resources and claim the labels with ai-cost/gcp-labels.',
  azure:
    'Azure reports this cost without a resource id or tag. Claim the resource (or its resource group) with ai-cost/azure-resource-id, or tag it and claim the tags with ai-cost/azure-tags.',
  kubernetes:
    'OpenCost reports this workload without a backstage.io/kubernetes-id label, in a namespace nobody claims. Give its pods the label backstage.io/kubernetes-id (as for the Backstage Kubernetes plugin) and the owning component the annotation backstage.io/kubernetes-id with the same value, or claim the namespace with ai-cost/kubernetes-namespace. Idle capacity (<cluster>/__idle__) belongs to no workload and stays unallocated; right-size the nodes to reduce it.',
  expense:
    'Expensed by an employee the catalog does not know (the e-mail address or user ref of the expense line). Add them as a User whose spec.profile.email is that address, member of their team(s): the spend moves to those teams on the next catalog refresh.',
  gateway:
    'These gateway events carry no API key, user or attribute. Send an attribute such as service=<name> with each event and claim it with ai-cost/gateway-tags.',
};

/**
 * What would claim an unallocated item, in a sentence: the annotation and
 * value to add, or, for spend without any claimable dimension, what to
 * change at the source so that it becomes claimable.
 */
export function unallocatedHint(item: {
  provider: string;
  dimension: string;
  value: string;
  claimWith?: string;
}): string {
  if (item.claimWith && item.value) {
    return `Add "${item.claimWith}: ${item.value}" to the catalog-info.yaml of the entity that uses it (append to its comma-separated list if it has one).`;
  }
  return (
    UNCLAIMABLE[item.provider] ??
    `This ${item.provider} spend carries no account, project, resource, API key or tag that an annotation could claim. Tag it where it is billed, then claim the tag.`
  );
}
