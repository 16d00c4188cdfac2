/*
 * The backend every replica of the replicas test runs: the catalog, the AI
 * Cost plugin and a fake billing provider. Configuration (ports, the shared
 * PostgreSQL database, schedules) comes from the --config files the test
 * writes.
 */

import { createBackend } from '@backstage/backend-defaults';
import { fakeProviderModule } from './fakeProviderModule';

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@ai-cost/plugin-ai-cost-backend'));
backend.add(fakeProviderModule);
backend.start();
