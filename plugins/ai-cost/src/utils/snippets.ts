import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_ANTHROPIC_API_KEY_ID,
  ANNOTATION_ANTHROPIC_WORKSPACE_ID,
  ANNOTATION_AWS_ACCOUNT_ID,
  ANNOTATION_AZURE_RESOURCE_ID,
  ANNOTATION_GATEWAY_TAGS,
  ANNOTATION_GCP_PROJECT_ID,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_OPENAI_API_KEY_ID,
  ANNOTATION_OPENAI_PROJECT_ID,
} from '@ai-cost/plugin-ai-cost-common';

const PLAIN = /^[A-Za-z0-9_./<>][A-Za-z0-9_./<>=,@ -]*$/;
const AMBIGUOUS =
  /^(?:[-+]?[0-9][0-9_.e+-]*|true|false|yes|no|on|off|null|~)$/i;

/** A YAML scalar for `value`: plain when that reads back as the same string, else double-quoted. */
export function yamlScalar(value: string): string {
  return PLAIN.test(value) && !AMBIGUOUS.test(value) && !value.endsWith(' ')
    ? value
    : JSON.stringify(value);
}

/** Lines of a snippet stay this short, so it shows whole in a narrow card. */
export const SNIPPET_LINE_WIDTH = 64;

/**
 * A `catalog-info.yaml` excerpt for `entity` with the annotations that claim
 * AI spend. Every annotation is in a comment: its placeholder is not an id,
 * so pasting the snippet as it is claims nothing; the reader uncomments the
 * lines that apply and puts in the real ids.
 */
export function entityAnnotationSnippet(entity: Entity): string {
  const { name, namespace } = entity.metadata;
  const kind = entity.kind;
  const lines = [
    `apiVersion: ${entity.apiVersion}`,
    `kind: ${kind}`,
    'metadata:',
    `  name: ${yamlScalar(name)}`,
  ];
  if (namespace && namespace !== 'default') {
    lines.push(`  namespace: ${yamlScalar(namespace)}`);
  }
  lines.push(
    `  # To claim the AI spend of this ${kind.toLocaleLowerCase('en-US')}:`,
    '  # uncomment "annotations:" and the lines for where it is',
    '  # billed, and replace each <placeholder> with the real id.',
    '  # annotations:',
    `  #   ${ANNOTATION_OPENAI_PROJECT_ID}: <openai-project-id>`,
    `  #   ${ANNOTATION_OPENAI_API_KEY_ID}: <openai-api-key-id>`,
    `  #   ${ANNOTATION_ANTHROPIC_WORKSPACE_ID}: <anthropic-workspace-id>`,
    `  #   ${ANNOTATION_ANTHROPIC_API_KEY_ID}: <anthropic-api-key-id>`,
    `  #   ${ANNOTATION_AWS_ACCOUNT_ID}: "<aws-account-id>"`,
    `  #   ${ANNOTATION_GCP_PROJECT_ID}: <gcp-project-id>`,
    `  #   ${ANNOTATION_AZURE_RESOURCE_ID}: <azure-resource-id-prefix>`,
    `  #   ${ANNOTATION_KUBERNETES_ID}: <pod-label-value>`,
    `  #   ${ANNOTATION_KUBERNETES_NAMESPACE}: <kubernetes-namespace>`,
    `  #   ${ANNOTATION_GATEWAY_TAGS}: service=${name}`,
  );
  return `${lines.join('\n')}\n`;
}

/** A `catalog-info.yaml` excerpt that claims one unallocated value. */
export function claimSnippet(annotation: string, value: string): string {
  return [
    '# in the catalog-info.yaml of the entity that owns this spend',
    'metadata:',
    '  annotations:',
    `    ${annotation}: ${yamlScalar(value)}`,
    '',
  ].join('\n');
}
