import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { NotificationSeverity } from '@backstage/plugin-notifications-common';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';

/** What to tell an entity's owners. */
export interface OwnerMessage {
  entityRef: string;
  title: string;
  description: string;
  severity: NotificationSeverity;
  /** `ai-cost-budget`, `ai-cost-anomaly` or `ai-cost-budget-request`. */
  topic: string;
  /** Identity of the event: the same scope is never delivered twice. */
  scope: string;
}

/** The entity page's AI Cost tab. */
export function aiCostTabLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase(
    'en-US',
  )}/${name}/ai-cost`;
}

/**
 * Sends budget and anomaly notifications to an entity's owner (a group's
 * own members for a group) through the notifications backend, linking to
 * the entity's AI Cost tab. A failed delivery is logged, not thrown: the
 * alert is recorded either way and never re-sent in a loop.
 */
export class OwnerNotifier {
  constructor(
    private readonly options: {
      notifications: NotificationService;
      index: CatalogIndexReader;
      logger: LoggerService;
    },
  ) {}

  /** The entity that receives notifications about `entityRef`. */
  async recipientOf(entityRef: string): Promise<string> {
    const { graph } = await this.options.index.read();
    const kind = entityRef.split(':')[0];
    if (kind === 'group' || kind === 'user') return entityRef;
    return graph.ownerOf(entityRef) ?? entityRef;
  }

  async notify(message: OwnerMessage): Promise<void> {
    await this.notifyRecipients(
      [await this.recipientOf(message.entityRef)],
      message,
    );
  }

  /** Sends a message about an entity to the given users or groups. */
  async notifyRecipients(
    recipients: string[],
    message: OwnerMessage,
  ): Promise<void> {
    if (recipients.length === 0) return;
    try {
      await this.options.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: recipients.length === 1 ? recipients[0] : recipients,
        },
        payload: {
          title: message.title,
          description: message.description,
          link: aiCostTabLink(message.entityRef),
          severity: message.severity,
          topic: message.topic,
          scope: message.scope,
        },
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not notify ${recipients.join(', ')} about ${
          message.entityRef
        }: ${(error as Error).message}`,
      );
    }
  }
}
