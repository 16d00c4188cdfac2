import type { PricedPushEvent } from '../push/pricing';
import type {
  FocusFileInput,
  FocusFileStore,
  GatewayEventStore,
  PushStore,
} from './PushStore';

/**
 * The {@link PushStore} of the plugin: gateway events and FOCUS files, each
 * kept by a store of its own (`DatabaseGatewayEventStore`,
 * `DatabaseFocusFileStore`).
 */
export class DatabasePushStore implements PushStore {
  constructor(
    private readonly events: GatewayEventStore,
    private readonly focusFiles: FocusFileStore,
  ) {}

  ingestEvents(options: { sourceId: string; events: PricedPushEvent[] }) {
    return this.events.ingestEvents(options);
  }

  countEvents(sourceId: string) {
    return this.events.countEvents(sourceId);
  }

  importFocusFile(input: FocusFileInput) {
    return this.focusFiles.importFocusFile(input);
  }

  listFocusFiles(sourceId: string) {
    return this.focusFiles.listFocusFiles(sourceId);
  }
}
