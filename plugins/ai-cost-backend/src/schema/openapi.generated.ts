// Generated from openapi.yaml by scripts/generate-openapi.js; do not edit.

export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'ai-cost',
    version: '1',
    description:
      'AI Cost for Backstage. Attributed AI spend per catalog entity, org-wide\nrollups, sources and their runs. Dates are `YYYY-MM-DD` in UTC, `to` is\ninclusive, money is a decimal number in the configured currency.\n',
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  components: {
    schemas: {
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
            required: ['name', 'message'],
          },
          request: {
            type: 'object',
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'number',
              },
            },
          },
        },
        required: ['error'],
      },
      Source: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          provider: {
            type: 'string',
          },
          status: {
            type: 'string',
            enum: ['never-run', 'running', 'succeeded', 'failed'],
          },
          lastRunAt: {
            type: ['string', 'null'],
            format: 'date-time',
          },
          lastSuccessAt: {
            type: ['string', 'null'],
            format: 'date-time',
          },
          lastError: {
            type: ['string', 'null'],
            description: 'Error of the last failed run; only shown to admins.',
          },
          rowsUpserted: {
            type: 'integer',
          },
          freshThrough: {
            type: ['string', 'null'],
            format: 'date',
          },
          demo: {
            type: 'boolean',
            description: 'True for the synthetic demo source.',
          },
        },
        required: [
          'id',
          'provider',
          'status',
          'lastRunAt',
          'lastSuccessAt',
          'lastError',
          'rowsUpserted',
          'freshThrough',
        ],
      },
    },
    responses: {
      ErrorResponse: {
        description: 'An error.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
  },
  paths: {
    '/health': {
      get: {
        operationId: 'GetHealth',
        description: 'Liveness of the plugin; unauthenticated.',
        security: [{}],
        responses: {
          '200': {
            description: 'The plugin is up.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    status: {
                      type: 'string',
                      enum: ['ok'],
                    },
                  },
                  required: ['status'],
                },
              },
            },
          },
        },
      },
    },
    '/sources': {
      get: {
        operationId: 'ListSources',
        description:
          'Configured billing sources with the state of their last run.',
        responses: {
          '200': {
            description: 'Every configured source.',
            content: {
              'application/json': {
                schema: {
                  type: 'array',
                  items: {
                    $ref: '#/components/schemas/Source',
                  },
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/sources/{id}/refresh': {
      post: {
        operationId: 'RefreshSource',
        description:
          'Triggers the ingestion of one source now. Needs ai-cost.admin.',
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
            },
          },
        ],
        responses: {
          '202': {
            description: 'The run was triggered.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    id: {
                      type: 'string',
                    },
                    status: {
                      type: 'string',
                      enum: ['triggered'],
                    },
                  },
                  required: ['id', 'status'],
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/reconciliation': {
      get: {
        operationId: 'GetReconciliation',
        description:
          "Billed against list-price estimate per source and day: how far the\nprovider's bill departs from what the usage would cost at list prices,\nhow much spend is only estimated, and how many records could not be\npriced. Needs ai-cost.admin.\n",
        parameters: [
          {
            name: 'from',
            in: 'query',
            required: true,
            schema: {
              type: 'string',
            },
          },
          {
            name: 'to',
            in: 'query',
            required: true,
            schema: {
              type: 'string',
            },
          },
        ],
        responses: {
          '200': {
            description: 'One row per source and day with usage.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    currency: {
                      type: 'string',
                    },
                    from: {
                      type: 'string',
                    },
                    to: {
                      type: 'string',
                    },
                    days: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          date: {
                            type: 'string',
                          },
                          sourceId: {
                            type: 'string',
                          },
                          provider: {
                            type: 'string',
                          },
                          billed: {
                            type: 'number',
                          },
                          estimatedOfBilled: {
                            type: 'number',
                          },
                          gap: {
                            type: 'number',
                            description: 'billed minus estimatedOfBilled',
                          },
                          estimatedOnly: {
                            type: 'number',
                          },
                          unpricedRecords: {
                            type: 'integer',
                          },
                        },
                        required: [
                          'date',
                          'sourceId',
                          'provider',
                          'billed',
                          'estimatedOfBilled',
                          'gap',
                          'estimatedOnly',
                          'unpricedRecords',
                        ],
                      },
                    },
                  },
                  required: ['currency', 'from', 'to', 'days'],
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
  },
} as const;

export type AiCostApiSpec = typeof spec;
