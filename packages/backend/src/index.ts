/*
 * The demo portal's backend: catalog, guest auth, permissions with an example
 * policy, notifications, signals, MCP actions, the Scaffolder with the AI Cost
 * budget actions and the AI Cost plugin with its provider modules.
 */

import { createBackend } from '@backstage/backend-defaults';
import { permissionPolicyModule } from './permissionPolicyModule';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionPolicyModule);

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Software templates, with the AI Cost budget actions (ai-cost:budget:request, ai-cost:budget:set).
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@ai-cost/plugin-scaffolder-backend-module-ai-cost'));

backend.add(import('@ai-cost/plugin-ai-cost-backend'));
backend.add(import('@ai-cost/plugin-ai-cost-backend-module-openai'));
backend.add(import('@ai-cost/plugin-ai-cost-backend-module-anthropic'));
backend.add(import('@ai-cost/plugin-ai-cost-backend-module-aws'));
backend.add(import('@ai-cost/plugin-ai-cost-backend-module-gcp'));
backend.add(import('@ai-cost/plugin-ai-cost-backend-module-azure'));
backend.add(import('@ai-cost/plugin-ai-cost-backend-module-opencost'));

backend.start();
