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
        additionalProperties: false,
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
      EntityRef: {
        type: 'string',
        pattern: '^[^:/]+:([^:/]+/)?[^:/]+$',
        description:
          'A full entity reference kind:namespace/name (namespace optional).',
      },
      NextCursor: {
        type: ['string', 'null'],
        description:
          'Pass as cursor to get the next page; null on the last page.',
      },
      AnomalySettings: {
        type: 'object',
        additionalProperties: false,
        required: ['entityRef', 'minImpact', 'minImpactPercent', 'source'],
        properties: {
          entityRef: {
            $ref: '#/components/schemas/EntityRef',
          },
          minImpact: {
            type: ['number', 'null'],
            description:
              'Minimum impact (actual − expected) in the reporting currency.',
          },
          minImpactPercent: {
            type: ['number', 'null'],
            description: 'Minimum impact in percent of the expected spend.',
          },
          source: {
            type: 'string',
            enum: ['portal', 'annotation', 'default'],
          },
        },
      },
      Currency: {
        type: 'string',
        pattern: '^[A-Z]{3}$',
        description: 'ISO 4217 code of the reporting currency.',
      },
      Money: {
        type: 'number',
        description: 'A decimal amount in the configured currency.',
      },
      CostTotals: {
        type: 'object',
        additionalProperties: false,
        properties: {
          cost: {
            $ref: '#/components/schemas/Money',
          },
          inputTokens: {
            type: 'integer',
            description: 'Uncached input tokens.',
          },
          cachedInputTokens: {
            type: 'integer',
          },
          cacheWriteTokens: {
            type: 'integer',
          },
          outputTokens: {
            type: 'integer',
          },
          reasoningTokens: {
            type: 'integer',
          },
          requests: {
            type: 'integer',
          },
        },
        required: [
          'cost',
          'inputTokens',
          'cachedInputTokens',
          'cacheWriteTokens',
          'outputTokens',
          'reasoningTokens',
          'requests',
        ],
      },
      Claim: {
        type: 'object',
        additionalProperties: false,
        properties: {
          annotation: {
            type: 'string',
          },
          provider: {
            type: 'string',
          },
          dimension: {
            type: 'string',
          },
          value: {
            type: 'string',
          },
          conflictsWith: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          splitRule: {
            type: 'object',
            description:
              "A split rule divides this value's spend instead of the claims.",
            additionalProperties: false,
            properties: {
              id: {
                type: 'string',
              },
              method: {
                type: 'string',
              },
            },
            required: ['id', 'method'],
          },
          sourceConfigured: {
            type: 'boolean',
            description: "A source of the claim's provider is configured.",
          },
          seen: {
            type: 'boolean',
            description:
              'The claimed value was ever seen in stored billing data.',
          },
          lastSeen: {
            type: ['string', 'null'],
            format: 'date',
            description: 'The last day the value was seen in billing.',
          },
        },
        required: [
          'annotation',
          'provider',
          'dimension',
          'value',
          'conflictsWith',
        ],
      },
      AttributionPreview: {
        type: 'object',
        additionalProperties: false,
        description:
          "What an entity's annotations would claim, with the spend billed under\neach claimed value over the last 30 days (whoever it is attributed\nto today), the last day of those 30 it was billed (null if none) and\nthe catalog entities the caller can see that claim the same value\nequally specifically.\n",
        properties: {
          entityRef: {
            type: 'string',
          },
          currency: {
            type: 'string',
          },
          from: {
            type: 'string',
            format: 'date',
          },
          to: {
            type: 'string',
            format: 'date',
          },
          claims: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                annotation: {
                  type: 'string',
                },
                provider: {
                  type: 'string',
                },
                dimension: {
                  type: 'string',
                },
                value: {
                  type: 'string',
                },
                cost: {
                  $ref: '#/components/schemas/Money',
                },
                lastSeen: {
                  type: ['string', 'null'],
                  format: 'date',
                },
                conflictsWith: {
                  type: 'array',
                  items: {
                    type: 'string',
                  },
                },
              },
              required: [
                'annotation',
                'provider',
                'dimension',
                'value',
                'cost',
                'lastSeen',
                'conflictsWith',
              ],
            },
          },
          problems: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                annotation: {
                  type: 'string',
                },
                message: {
                  type: 'string',
                },
              },
              required: ['annotation', 'message'],
            },
          },
        },
        required: ['entityRef', 'currency', 'from', 'to', 'claims', 'problems'],
      },
      AttributionValues: {
        type: 'object',
        additionalProperties: false,
        properties: {
          currency: {
            type: 'string',
          },
          from: {
            type: 'string',
            format: 'date',
          },
          to: {
            type: 'string',
            format: 'date',
          },
          items: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                provider: {
                  type: 'string',
                },
                dimension: {
                  type: 'string',
                  enum: [
                    'apiKeyId',
                    'projectId',
                    'resourceId',
                    'accountId',
                    'tag',
                  ],
                },
                value: {
                  type: 'string',
                  description: 'The id, or `key=value` for a tag.',
                },
                cost: {
                  $ref: '#/components/schemas/Money',
                },
                lastSeen: {
                  type: 'string',
                  format: 'date',
                },
                claimedBy: {
                  type: 'array',
                  items: {
                    type: 'string',
                  },
                  description:
                    'Entities whose claims match it; empty when unclaimed.',
                },
                snippet: {
                  type: ['string', 'null'],
                  description: 'The annotation line that would claim it.',
                },
              },
              required: [
                'provider',
                'dimension',
                'value',
                'cost',
                'lastSeen',
                'claimedBy',
                'snippet',
              ],
            },
          },
          truncated: {
            type: 'boolean',
            description: 'More values matched than `limit`.',
          },
        },
        required: ['currency', 'from', 'to', 'items', 'truncated'],
      },
      EntityCosts: {
        type: 'object',
        additionalProperties: false,
        description:
          "Spend of an entity and its descendants. `own` is what the entity's own\nannotations claim, `viaChildren` what its descendants claim (parts of a\nsystem or domain; what a group and its child groups own).\n",
        properties: {
          entityRef: {
            type: 'string',
          },
          kind: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          currency: {
            type: 'string',
          },
          from: {
            type: 'string',
            format: 'date',
          },
          to: {
            type: 'string',
            format: 'date',
          },
          total: {
            $ref: '#/components/schemas/CostTotals',
          },
          own: {
            type: 'object',
            properties: {
              cost: {
                $ref: '#/components/schemas/Money',
              },
            },
            required: ['cost'],
          },
          viaChildren: {
            type: 'object',
            properties: {
              cost: {
                $ref: '#/components/schemas/Money',
              },
            },
            required: ['cost'],
          },
          estimatedCost: {
            $ref: '#/components/schemas/Money',
          },
          demoCost: {
            $ref: '#/components/schemas/Money',
          },
          previousPeriod: {
            type: 'object',
            properties: {
              from: {
                type: 'string',
                format: 'date',
              },
              to: {
                type: 'string',
                format: 'date',
              },
              cost: {
                $ref: '#/components/schemas/Money',
              },
            },
            required: ['from', 'to', 'cost'],
          },
          historyFrom: {
            type: ['string', 'null'],
            format: 'date',
            description:
              'First day with ingested history for the sources behind these figures (the latest of their first days); null when nothing was ingested. A previousPeriod starting before it is only partly covered, and so is the window when from is before it.',
          },
          daily: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                date: {
                  type: 'string',
                  format: 'date',
                },
                cost: {
                  $ref: '#/components/schemas/Money',
                },
              },
              required: ['date', 'cost'],
            },
          },
          hiddenDescendants: {
            type: 'object',
            description:
              'Spend of descendants the caller cannot see in the catalog, folded\ninto one line. It counts in total, daily, viaChildren and byChild\nbut not in dailyByModel, byProvider, byCategory, byModel, byApiKey and\nbyTokenType, which break down the rest (total.cost minus this cost).\n',
            properties: {
              count: {
                type: 'integer',
              },
              cost: {
                $ref: '#/components/schemas/Money',
              },
            },
            required: ['count', 'cost'],
          },
          dailyByModel: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                date: {
                  type: 'string',
                  format: 'date',
                },
                provider: {
                  type: 'string',
                },
                model: {
                  type: 'string',
                },
                cost: {
                  $ref: '#/components/schemas/Money',
                },
              },
              required: ['date', 'provider', 'model', 'cost'],
            },
          },
          byProvider: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                provider: {
                  type: 'string',
                },
                cost: {
                  $ref: '#/components/schemas/Money',
                },
              },
              required: ['provider', 'cost'],
            },
          },
          byCategory: {
            type: 'array',
            description:
              'Spend per kind of AI spend, only the categories with spend, in the order model-api, cloud-ai, self-hosted, subscription, expense.',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                category: {
                  type: 'string',
                  enum: [
                    'model-api',
                    'cloud-ai',
                    'self-hosted',
                    'subscription',
                    'expense',
                  ],
                },
                cost: {
                  $ref: '#/components/schemas/Money',
                },
              },
              required: ['category', 'cost'],
            },
          },
          byModel: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                provider: {
                  type: 'string',
                  description:
                    "The model's provider, e.g. openai for gpt-4o priced by a gateway.",
                },
                source: {
                  type: 'string',
                  description:
                    'The provider kind of the source the spend came through: the provider itself for its billing API, gateway for pushed gateway or OpenTelemetry events, focus for FOCUS imports of other providers.',
                },
                model: {
                  type: 'string',
                },
                unpriced: {
                  type: 'boolean',
                  description:
                    'Usage of a model no price is known for, stored at cost 0: its requests and tokens are not in cost (never shown as free).',
                },
                cost: {
                  $ref: '#/components/schemas/Money',
                },
                estimatedCost: {
                  $ref: '#/components/schemas/Money',
                },
                inputTokens: {
                  type: 'integer',
                },
                cachedInputTokens: {
                  type: 'integer',
                },
                cacheWriteTokens: {
                  type: 'integer',
                },
                outputTokens: {
                  type: 'integer',
                },
                requests: {
                  type: 'integer',
                },
              },
              required: [
                'provider',
                'source',
                'model',
                'unpriced',
                'cost',
                'inputTokens',
                'outputTokens',
                'requests',
              ],
            },
          },
          byApiKey: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                provider: {
                  type: 'string',
                },
                apiKeyId: {
                  type: 'string',
                },
                cost: {
                  $ref: '#/components/schemas/Money',
                },
                requests: {
                  type: 'integer',
                },
              },
              required: ['provider', 'apiKeyId', 'cost', 'requests'],
            },
          },
          byTokenType: {
            type: 'object',
            description:
              "Each model's cost split by the list-price weight of its token types.",
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    tokenType: {
                      type: 'string',
                      enum: ['input', 'cachedInput', 'cacheWrite', 'output'],
                    },
                    tokens: {
                      type: 'integer',
                    },
                    cost: {
                      $ref: '#/components/schemas/Money',
                    },
                  },
                  required: ['tokenType', 'tokens', 'cost'],
                },
              },
              unexplainedCost: {
                $ref: '#/components/schemas/Money',
              },
            },
            required: ['items', 'unexplainedCost'],
          },
          byTag: {
            type: 'object',
            description:
              "Spend per allocation tag value, for every configured tag. Each tag's items sum to what byModel covers. value null is spend without a value; past the top values the rest is one item with otherValues (how many values it folds) and value null.\n",
            additionalProperties: {
              type: 'array',
              items: {
                $ref: '#/components/schemas/TagCostItem',
              },
            },
          },
          shared: {
            type: 'array',
            description:
              'Spend split rules gave this entity and its descendants, with its share of each rule.',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                ruleId: {
                  type: 'string',
                },
                method: {
                  type: 'string',
                  enum: ['even', 'fixed', 'proportional', 'metric', 'members'],
                },
                share: {
                  type: 'number',
                  minimum: 0,
                  maximum: 1,
                },
                cost: {
                  $ref: '#/components/schemas/Money',
                },
              },
              required: ['ruleId', 'method', 'share', 'cost'],
            },
          },
          byChild: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                entityRef: {
                  type: 'string',
                },
                kind: {
                  type: 'string',
                },
                title: {
                  type: 'string',
                },
                cost: {
                  $ref: '#/components/schemas/Money',
                  description:
                    'What the child contributes here; items sum to viaChildren.',
                },
                total: {
                  $ref: '#/components/schemas/Money',
                  description:
                    "The child's own total, as its own page shows it: more than cost when part of its spend counts under other children (a system whose components are listed too) or, under an owner, comes from parts owned elsewhere.",
                },
              },
              required: ['entityRef', 'kind', 'cost', 'total'],
            },
          },
          hiddenChildren: {
            type: 'object',
            description:
              'Children the caller cannot see in the catalog, folded together.',
            properties: {
              count: {
                type: 'integer',
              },
              cost: {
                $ref: '#/components/schemas/Money',
              },
            },
            required: ['count', 'cost'],
          },
          claims: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Claim',
            },
          },
        },
        required: [
          'entityRef',
          'kind',
          'currency',
          'from',
          'to',
          'total',
          'own',
          'viaChildren',
          'estimatedCost',
          'demoCost',
          'previousPeriod',
          'historyFrom',
          'daily',
          'hiddenDescendants',
          'dailyByModel',
          'byProvider',
          'byCategory',
          'byModel',
          'byApiKey',
          'byTokenType',
          'byTag',
          'shared',
          'byChild',
          'hiddenChildren',
          'claims',
        ],
      },
      ChargebackAdjustment: {
        type: 'object',
        additionalProperties: false,
        properties: {
          month: {
            type: 'string',
            pattern: '^\\d{4}-\\d{2}$',
          },
          cost: {
            $ref: '#/components/schemas/Money',
          },
          reason: {
            type: 'string',
          },
        },
        required: ['month', 'cost', 'reason'],
      },
      ChargebackStatement: {
        type: 'object',
        additionalProperties: false,
        properties: {
          month: {
            type: 'string',
            pattern: '^\\d{4}-\\d{2}$',
          },
          status: {
            type: 'string',
            enum: ['open', 'closed'],
          },
          closedAt: {
            type: 'string',
            format: 'date-time',
          },
          closedBy: {
            type: 'string',
          },
          currency: {
            type: 'string',
          },
          coverage: {
            $ref: '#/components/schemas/Fraction',
          },
          lines: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                entityRef: {
                  type: 'string',
                },
                title: {
                  type: 'string',
                },
                costCenter: {
                  type: ['string', 'null'],
                },
                cost: {
                  $ref: '#/components/schemas/Money',
                },
                adjustments: {
                  type: 'array',
                  items: {
                    $ref: '#/components/schemas/ChargebackAdjustment',
                  },
                },
              },
              required: ['entityRef', 'costCenter', 'cost', 'adjustments'],
            },
          },
          unallocated: {
            $ref: '#/components/schemas/Money',
          },
          unallocatedAdjustments: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ChargebackAdjustment',
            },
          },
          total: {
            $ref: '#/components/schemas/Money',
          },
          adjustmentsTotal: {
            $ref: '#/components/schemas/Money',
          },
        },
        required: [
          'month',
          'status',
          'currency',
          'coverage',
          'lines',
          'unallocated',
          'unallocatedAdjustments',
          'total',
          'adjustmentsTotal',
        ],
      },
      BudgetSuggestion: {
        type: 'object',
        additionalProperties: false,
        properties: {
          entityRef: {
            type: 'string',
          },
          currency: {
            type: 'string',
          },
          period: {
            type: 'string',
            enum: ['month', 'quarter'],
          },
          suggested: {
            type: ['number', 'null'],
          },
          runRate: {
            $ref: '#/components/schemas/Money',
          },
          expected: {
            type: ['number', 'null'],
          },
          monthForecast: {
            type: ['number', 'null'],
          },
          headroom: {
            type: 'number',
            minimum: 1,
          },
          basis: {
            type: 'string',
          },
          reason: {
            type: ['string', 'null'],
          },
        },
        required: [
          'entityRef',
          'currency',
          'period',
          'suggested',
          'runRate',
          'expected',
          'monthForecast',
          'headroom',
          'basis',
          'reason',
        ],
      },
      PlanMonth: {
        type: 'object',
        additionalProperties: false,
        properties: {
          month: {
            type: 'string',
            pattern: '^\\d{4}-\\d{2}$',
          },
          kind: {
            type: 'string',
            enum: ['actual', 'forecast', 'no-data'],
          },
          amount: {
            type: ['number', 'null'],
          },
          low: {
            type: ['number', 'null'],
          },
          high: {
            type: ['number', 'null'],
          },
        },
        required: ['month', 'kind', 'amount', 'low', 'high'],
      },
      PlanLine: {
        type: 'object',
        additionalProperties: false,
        properties: {
          months: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/PlanMonth',
            },
          },
          total: {
            type: ['number', 'null'],
          },
        },
        required: ['months', 'total'],
      },
      YearPlan: {
        type: 'object',
        additionalProperties: false,
        properties: {
          year: {
            type: 'integer',
          },
          currency: {
            type: 'string',
          },
          asOf: {
            type: 'string',
            format: 'date',
          },
          teams: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                entityRef: {
                  type: 'string',
                },
                title: {
                  type: 'string',
                },
                budget: {
                  oneOf: [
                    {
                      type: 'null',
                    },
                    {
                      type: 'object',
                      additionalProperties: false,
                      properties: {
                        amount: {
                          $ref: '#/components/schemas/Money',
                        },
                        period: {
                          type: 'string',
                          enum: ['month', 'quarter'],
                        },
                      },
                      required: ['amount', 'period'],
                    },
                  ],
                },
                months: {
                  type: 'array',
                  items: {
                    $ref: '#/components/schemas/PlanMonth',
                  },
                },
                total: {
                  type: ['number', 'null'],
                },
              },
              required: ['entityRef', 'budget', 'months', 'total'],
            },
          },
          unallocated: {
            $ref: '#/components/schemas/PlanLine',
          },
          totals: {
            $ref: '#/components/schemas/PlanLine',
          },
          historyFrom: {
            type: ['string', 'null'],
            format: 'date',
          },
        },
        required: [
          'year',
          'currency',
          'asOf',
          'historyFrom',
          'teams',
          'unallocated',
          'totals',
        ],
      },
      AllocationCoverage: {
        type: 'object',
        additionalProperties: false,
        properties: {
          currency: {
            type: 'string',
          },
          from: {
            type: 'string',
            format: 'date',
          },
          to: {
            type: 'string',
            format: 'date',
          },
          total: {
            $ref: '#/components/schemas/Money',
          },
          attributed: {
            $ref: '#/components/schemas/Money',
          },
          unallocated: {
            $ref: '#/components/schemas/Money',
          },
          coverage: {
            $ref: '#/components/schemas/Fraction',
          },
          threshold: {
            $ref: '#/components/schemas/Fraction',
          },
          chargebackReady: {
            type: 'boolean',
          },
          byProvider: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                provider: {
                  type: 'string',
                },
                total: {
                  $ref: '#/components/schemas/Money',
                },
                attributed: {
                  $ref: '#/components/schemas/Money',
                },
                coverage: {
                  $ref: '#/components/schemas/Fraction',
                },
              },
              required: ['provider', 'total', 'attributed', 'coverage'],
            },
          },
          tags: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                tag: {
                  type: 'string',
                },
                cost: {
                  $ref: '#/components/schemas/Money',
                },
                coverage: {
                  $ref: '#/components/schemas/Fraction',
                },
                topMissing: {
                  type: 'array',
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    properties: {
                      provider: {
                        type: 'string',
                      },
                      dimension: {
                        type: 'string',
                        description:
                          'entity (annotate it with ai-cost/tags) or the unclaimed provider dimension.',
                      },
                      value: {
                        type: 'string',
                      },
                      cost: {
                        $ref: '#/components/schemas/Money',
                      },
                    },
                    required: ['provider', 'dimension', 'value', 'cost'],
                  },
                },
              },
              required: ['tag', 'cost', 'coverage', 'topMissing'],
            },
          },
          daily: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                date: {
                  type: 'string',
                  format: 'date',
                },
                coverage: {
                  oneOf: [
                    {
                      $ref: '#/components/schemas/Fraction',
                    },
                    {
                      type: 'null',
                    },
                  ],
                },
              },
              required: ['date', 'coverage'],
            },
          },
        },
        required: [
          'currency',
          'from',
          'to',
          'total',
          'attributed',
          'unallocated',
          'coverage',
          'threshold',
          'chargebackReady',
          'byProvider',
          'tags',
          'daily',
        ],
      },
      Fraction: {
        type: 'number',
        minimum: 0,
        maximum: 1,
      },
      AllocationRuleInput: {
        type: 'object',
        description:
          'One virtual-tag rule (tag, value or valueFrom, match) or split rule\n(match, method, targets or shares, metric) as in\naiCost.allocation; kind is optional (a body with method is a split).\n',
        properties: {
          kind: {
            type: 'string',
            enum: ['virtualTag', 'split'],
          },
          id: {
            type: 'string',
          },
          match: {
            type: 'object',
            additionalProperties: {
              type: 'string',
            },
          },
          tag: {
            type: 'string',
          },
          value: {
            type: 'string',
          },
          valueFrom: {
            type: 'string',
          },
          method: {
            type: 'string',
            enum: ['even', 'fixed', 'proportional', 'metric', 'members'],
          },
          targets: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          shares: {
            type: 'object',
            additionalProperties: {
              type: 'number',
            },
          },
          metric: {
            type: 'string',
          },
        },
        required: ['match'],
      },
      AllocationRuleView: {
        type: 'object',
        additionalProperties: false,
        properties: {
          kind: {
            type: 'string',
            enum: ['virtualTag', 'split'],
          },
          id: {
            type: 'string',
          },
          source: {
            type: 'string',
            enum: ['config', 'portal'],
          },
          match: {
            type: 'object',
            additionalProperties: {
              type: 'string',
            },
          },
          tag: {
            type: 'string',
          },
          value: {
            type: 'string',
          },
          valueFrom: {
            type: 'string',
          },
          method: {
            type: 'string',
            enum: ['even', 'fixed', 'proportional', 'metric', 'members'],
          },
          targets: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          shares: {
            type: 'object',
            additionalProperties: {
              type: 'number',
            },
          },
          metric: {
            type: 'string',
          },
          matchedCost: {
            $ref: '#/components/schemas/Money',
          },
          problems: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          updatedBy: {
            type: 'string',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: ['kind', 'id', 'source', 'match', 'matchedCost', 'problems'],
      },
      AllocationRules: {
        type: 'object',
        additionalProperties: false,
        properties: {
          currency: {
            type: 'string',
          },
          from: {
            type: 'string',
            format: 'date',
          },
          to: {
            type: 'string',
            format: 'date',
          },
          tags: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          virtualTags: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/AllocationRuleView',
            },
          },
          splitRules: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/AllocationRuleView',
            },
          },
        },
        required: [
          'currency',
          'from',
          'to',
          'tags',
          'virtualTags',
          'splitRules',
        ],
      },
      AllocationRulePreview: {
        type: 'object',
        additionalProperties: false,
        properties: {
          currency: {
            type: 'string',
          },
          from: {
            type: 'string',
            format: 'date',
          },
          to: {
            type: 'string',
            format: 'date',
          },
          matchedCost: {
            $ref: '#/components/schemas/Money',
          },
          moves: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                from: {
                  type: ['string', 'null'],
                },
                to: {
                  type: ['string', 'null'],
                },
                cost: {
                  $ref: '#/components/schemas/Money',
                },
              },
              required: ['from', 'to', 'cost'],
            },
          },
        },
        required: ['currency', 'from', 'to', 'matchedCost', 'moves'],
      },
      SubscriptionInput: {
        type: 'object',
        description:
          "One subscription as in aiCost.subscriptions: amount per period in\ncurrency (decimal), period month or year, start and optional end\n(inclusive), optional seats, and entityRef (all of the cost) or\ngroups (split by each group's member count in the catalog).\n",
        properties: {
          id: {
            type: 'string',
          },
          vendor: {
            type: 'string',
          },
          product: {
            type: 'string',
          },
          amount: {
            type: 'number',
          },
          currency: {
            type: 'string',
          },
          period: {
            type: 'string',
            enum: ['month', 'year'],
          },
          start: {
            type: 'string',
            format: 'date',
          },
          end: {
            type: 'string',
            format: 'date',
          },
          seats: {
            type: 'integer',
          },
          entityRef: {
            type: 'string',
          },
          groups: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          activeSeatsMetric: {
            type: 'string',
          },
        },
        required: [
          'vendor',
          'product',
          'amount',
          'currency',
          'period',
          'start',
        ],
      },
      SubscriptionView: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: {
            type: 'string',
          },
          source: {
            type: 'string',
            enum: ['config', 'portal'],
          },
          vendor: {
            type: 'string',
          },
          product: {
            type: 'string',
          },
          amount: {
            type: 'number',
          },
          currency: {
            type: 'string',
          },
          period: {
            type: 'string',
            enum: ['month', 'year'],
          },
          start: {
            type: 'string',
            format: 'date',
          },
          end: {
            type: ['string', 'null'],
            format: 'date',
          },
          seats: {
            type: ['integer', 'null'],
          },
          entityRef: {
            type: ['string', 'null'],
          },
          groups: {
            type: ['array', 'null'],
            items: {
              type: 'string',
            },
          },
          activeSeatsMetric: {
            type: ['string', 'null'],
          },
          monthlyCost: {
            type: 'number',
            description: "This calendar month's amortised cost.",
          },
          costPerSeat: {
            type: ['number', 'null'],
          },
          activeSeats: {
            type: ['number', 'null'],
          },
          costPerActiveSeat: {
            type: ['number', 'null'],
          },
          problems: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          updatedBy: {
            type: 'string',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: [
          'id',
          'source',
          'vendor',
          'product',
          'amount',
          'currency',
          'period',
          'start',
          'end',
          'seats',
          'entityRef',
          'groups',
          'activeSeatsMetric',
          'monthlyCost',
          'costPerSeat',
          'activeSeats',
          'costPerActiveSeat',
          'problems',
        ],
      },
      Subscriptions: {
        type: 'object',
        additionalProperties: false,
        properties: {
          currency: {
            type: 'string',
          },
          month: {
            type: 'string',
            pattern: '^\\d{4}-\\d{2}$',
          },
          subscriptions: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/SubscriptionView',
            },
          },
        },
        required: ['currency', 'month', 'subscriptions'],
      },
      RollupGroupBy: {
        description:
          'An entity grouping, the provider or model, the spend category (model-api, cloud-ai, self-hosted, subscription, expense), or tag:<key> for an allocation tag.',
        anyOf: [
          {
            type: 'string',
            enum: [
              'owner',
              'system',
              'domain',
              'provider',
              'model',
              'category',
            ],
          },
          {
            type: 'string',
            pattern: '^tag:[a-z0-9][a-z0-9_.-]*$',
          },
        ],
      },
      TagCostItem: {
        type: 'object',
        additionalProperties: false,
        properties: {
          value: {
            type: ['string', 'null'],
          },
          cost: {
            $ref: '#/components/schemas/Money',
          },
          otherValues: {
            type: 'integer',
            minimum: 1,
          },
        },
        required: ['value', 'cost'],
      },
      Rollup: {
        type: 'object',
        additionalProperties: false,
        properties: {
          currency: {
            type: 'string',
          },
          from: {
            type: 'string',
            format: 'date',
          },
          to: {
            type: 'string',
            format: 'date',
          },
          groupBy: {
            $ref: '#/components/schemas/RollupGroupBy',
          },
          historyFrom: {
            type: ['string', 'null'],
            format: 'date',
            description:
              "First day with ingested history of every source (the latest of their first days, sources that started after to aside); null when nothing was ingested. Before it, previousCost is not a full period's spend.",
          },
          total: {
            $ref: '#/components/schemas/Money',
            description: 'Attributed plus unallocated spend.',
          },
          items: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                key: {
                  type: ['string', 'null'],
                  description:
                    'Entity ref, provider, provider/model or spend category (every category listed, 0 where none); by tag the tag value, null for spend without one and for the item folding the values past the top ones.',
                },
                entityRef: {
                  type: 'string',
                },
                title: {
                  type: 'string',
                },
                cost: {
                  $ref: '#/components/schemas/Money',
                },
                previousCost: {
                  $ref: '#/components/schemas/Money',
                },
                unallocatedCost: {
                  $ref: '#/components/schemas/Money',
                  description:
                    'groupBy=provider, category and tag:<key> only: the part of cost no entity claims. Provider, category and tag items include their unallocated spend and sum to total; other groupings sum to the attributed spend.',
                },
                otherValues: {
                  type: 'integer',
                  minimum: 1,
                  description:
                    'groupBy=tag:<key> only, on the item folding the values past the top 50.',
                },
                metricValue: {
                  type: ['number', 'null'],
                  description:
                    "With metric, the metric's value for the group; null when it has none.",
                },
                previousMetricValue: {
                  type: ['number', 'null'],
                  description:
                    "With metric, the metric's value in the previous window.",
                },
                unitCost: {
                  type: ['number', 'null'],
                  description:
                    'With metric, cost per unit (per 1,000 for tokens); null without a positive value.',
                },
                margin: {
                  type: ['number', 'null'],
                  description:
                    'With a money metric (unit = aiCost.currency), metricValue minus cost.',
                },
                marginPercent: {
                  type: ['number', 'null'],
                  description:
                    'margin / metricValue; null without a positive value.',
                },
              },
              required: ['key', 'cost', 'previousCost'],
            },
          },
          unallocated: {
            type: 'object',
            properties: {
              cost: {
                $ref: '#/components/schemas/Money',
              },
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    provider: {
                      type: 'string',
                    },
                    dimension: {
                      type: 'string',
                    },
                    value: {
                      type: 'string',
                    },
                    cost: {
                      $ref: '#/components/schemas/Money',
                    },
                    claimWith: {
                      type: 'string',
                      description:
                        'The annotation that would claim this spend.',
                    },
                    hint: {
                      type: 'string',
                      description:
                        'What would claim it, in a sentence: the annotation and\nvalue to add, or, for spend without any claimable\ndimension (`none`), what to change where it is billed.\n',
                    },
                  },
                  required: ['provider', 'dimension', 'value', 'cost', 'hint'],
                },
              },
            },
            required: ['cost', 'items'],
          },
          metric: {
            type: 'object',
            additionalProperties: false,
            description:
              'With the metric parameter, the metric items are measured by.',
            properties: {
              metric: {
                type: 'string',
              },
              unit: {
                type: ['string', 'null'],
              },
              money: {
                type: 'boolean',
              },
              per: {
                type: 'integer',
              },
            },
            required: ['metric', 'unit', 'money', 'per'],
          },
        },
        required: [
          'currency',
          'from',
          'to',
          'groupBy',
          'historyFrom',
          'total',
          'items',
          'unallocated',
        ],
      },
      UnitCostTotals: {
        type: 'object',
        additionalProperties: false,
        properties: {
          cost: {
            $ref: '#/components/schemas/Money',
          },
          value: {
            type: ['number', 'null'],
            description:
              'Sum of the metric (distinct customers for customers); null when no day has a value.',
          },
          unitCost: {
            type: ['number', 'null'],
            description:
              'Cost of the days with a value, divided by value, times per; null when value is null or 0.',
          },
          costWithoutMetric: {
            $ref: '#/components/schemas/Money',
            description:
              'Cost of the days without a metric value, not in unitCost.',
          },
          daysWithoutMetric: {
            type: 'integer',
          },
        },
        required: [
          'cost',
          'value',
          'unitCost',
          'costWithoutMetric',
          'daysWithoutMetric',
        ],
      },
      UnitCosts: {
        type: 'object',
        additionalProperties: false,
        properties: {
          entityRef: {
            type: 'string',
          },
          metric: {
            type: 'string',
          },
          unit: {
            type: ['string', 'null'],
          },
          per: {
            type: 'integer',
            description:
              'Unit costs are per this many units (1000 for tokens).',
          },
          metricFrom: {
            type: 'string',
            enum: ['query', 'annotation', 'default'],
          },
          builtIn: {
            type: 'boolean',
          },
          currency: {
            type: 'string',
          },
          from: {
            type: 'string',
            format: 'date',
          },
          to: {
            type: 'string',
            format: 'date',
          },
          total: {
            $ref: '#/components/schemas/UnitCostTotals',
          },
          previous: {
            $ref: '#/components/schemas/UnitCostTotals',
          },
          change: {
            type: 'object',
            additionalProperties: false,
            description: 'Relative changes against previous (0.25 = +25%).',
            properties: {
              cost: {
                type: ['number', 'null'],
              },
              value: {
                type: ['number', 'null'],
              },
              unitCost: {
                type: ['number', 'null'],
              },
            },
            required: ['cost', 'value', 'unitCost'],
          },
          daily: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                date: {
                  type: 'string',
                  format: 'date',
                },
                cost: {
                  $ref: '#/components/schemas/Money',
                },
                value: {
                  type: ['number', 'null'],
                },
                unitCost: {
                  type: ['number', 'null'],
                },
              },
              required: ['date', 'cost', 'value', 'unitCost'],
            },
          },
          forecast: {
            type: 'object',
            additionalProperties: false,
            properties: {
              nextPeriodCost: {
                type: ['number', 'null'],
              },
              nextPeriodValue: {
                type: ['number', 'null'],
              },
              basis: {
                type: 'string',
                enum: ['unit-trend', 'none'],
              },
              explanation: {
                type: 'string',
              },
            },
            required: [
              'nextPeriodCost',
              'nextPeriodValue',
              'basis',
              'explanation',
            ],
          },
          explanation: {
            type: 'string',
            description:
              'Set when the metric has no value in the window, saying what to push or annotate.',
          },
        },
        required: [
          'entityRef',
          'metric',
          'unit',
          'per',
          'metricFrom',
          'builtIn',
          'currency',
          'from',
          'to',
          'total',
          'previous',
          'change',
          'daily',
          'forecast',
        ],
      },
      AttributionStatus: {
        type: 'object',
        additionalProperties: false,
        properties: {
          builtAt: {
            type: ['string', 'null'],
            format: 'date-time',
          },
          entities: {
            type: 'integer',
          },
          claimingEntities: {
            type: 'integer',
          },
          claims: {
            type: 'integer',
          },
          conflicts: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                provider: {
                  type: 'string',
                },
                dimension: {
                  type: 'string',
                },
                value: {
                  type: 'string',
                },
                entityRefs: {
                  type: 'array',
                  items: {
                    type: 'string',
                  },
                },
              },
              required: ['provider', 'dimension', 'value', 'entityRefs'],
            },
          },
          problems: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                entityRef: {
                  type: 'string',
                },
                annotation: {
                  type: 'string',
                },
                message: {
                  type: 'string',
                },
              },
              required: ['entityRef', 'annotation', 'message'],
            },
          },
        },
        required: [
          'builtAt',
          'entities',
          'claimingEntities',
          'claims',
          'conflicts',
          'problems',
        ],
      },
      Budget: {
        type: 'object',
        additionalProperties: false,
        properties: {
          entityRef: {
            type: 'string',
          },
          amount: {
            $ref: '#/components/schemas/Money',
          },
          currency: {
            type: 'string',
          },
          period: {
            type: 'string',
            enum: ['month', 'quarter'],
          },
          thresholds: {
            type: 'array',
            items: {
              type: 'number',
            },
            description: 'Alert thresholds as fractions of the budget.',
          },
          source: {
            type: 'string',
            enum: ['portal', 'annotation'],
            description:
              'portal when set in Backstage, annotation from ai-cost/monthly-budget.',
          },
          scope: {
            type: ['string', 'null'],
            description:
              'The allocation tag value the budget covers, e.g. environment:staging; null for the overall budget.',
          },
          updatedBy: {
            type: 'string',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: [
          'entityRef',
          'amount',
          'currency',
          'period',
          'thresholds',
          'source',
          'scope',
        ],
      },
      BudgetApprovalRequest: {
        type: 'object',
        additionalProperties: false,
        description:
          'A budget someone asked for and its approval decision (DESIGN §9.4).\n',
        properties: {
          id: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          amount: {
            $ref: '#/components/schemas/Money',
          },
          currency: {
            type: 'string',
          },
          period: {
            type: 'string',
            enum: ['month', 'quarter'],
          },
          scope: {
            type: ['string', 'null'],
            description:
              'Allocation tag and value of a scoped budget, e.g. environment:staging.',
          },
          businessCase: {
            type: ['string', 'null'],
          },
          status: {
            type: 'string',
            enum: ['pending', 'approved', 'rejected'],
          },
          requestedBy: {
            type: 'string',
          },
          requestedAt: {
            type: 'string',
            format: 'date-time',
          },
          decidedBy: {
            type: ['string', 'null'],
            description:
              'Who approved or rejected it; system for an auto-approval.',
          },
          decidedAt: {
            type: ['string', 'null'],
            format: 'date-time',
          },
          comment: {
            type: ['string', 'null'],
            description:
              "The approver's comment, or the reason of a rejection.",
          },
          autoApproved: {
            type: 'boolean',
            description:
              'Approved at once, below aiCost.budgets.approval.autoApproveBelow.',
          },
          canDecide: {
            type: 'boolean',
            description: 'The caller may approve or reject it.',
          },
        },
        required: [
          'id',
          'entityRef',
          'amount',
          'currency',
          'period',
          'scope',
          'businessCase',
          'status',
          'requestedBy',
          'requestedAt',
          'decidedBy',
          'decidedAt',
          'comment',
          'autoApproved',
          'canDecide',
        ],
      },
      BudgetStatus: {
        type: 'object',
        additionalProperties: false,
        description:
          "Where an entity's spend stands in the current budget period, with the\nforecast for the period's end and the thresholds reached or projected.\nThe overall budget has scope null and lists the entity's budgets\nscoped to one allocation tag value in scoped; a scoped budget counts\nthe spend of the entity and its descendants with that tag value only.\n",
        properties: {
          entityRef: {
            type: 'string',
          },
          scope: {
            type: ['string', 'null'],
            description:
              'The allocation tag value the budget covers, e.g. environment:staging; null for the overall budget.',
          },
          currency: {
            type: 'string',
          },
          budget: {
            oneOf: [
              {
                $ref: '#/components/schemas/Money',
              },
              {
                type: 'null',
              },
            ],
          },
          source: {
            type: ['string', 'null'],
            enum: ['portal', 'annotation', null],
          },
          period: {
            type: 'object',
            properties: {
              period: {
                type: 'string',
                enum: ['month', 'quarter'],
              },
              start: {
                type: 'string',
                format: 'date',
              },
              end: {
                type: 'string',
                format: 'date',
              },
              asOf: {
                type: 'string',
                format: 'date',
              },
              daysRemaining: {
                type: 'integer',
              },
            },
            required: ['period', 'start', 'end', 'asOf', 'daysRemaining'],
          },
          spent: {
            $ref: '#/components/schemas/Money',
          },
          forecast: {
            type: 'object',
            properties: {
              median: {
                $ref: '#/components/schemas/Money',
              },
              low: {
                $ref: '#/components/schemas/Money',
              },
              high: {
                $ref: '#/components/schemas/Money',
              },
            },
            required: ['median', 'low', 'high'],
          },
          forecastAccuracy: {
            type: ['object', 'null'],
            properties: {
              meanAbsPctError: {
                type: 'number',
              },
              samples: {
                type: 'integer',
              },
            },
          },
          thresholds: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                fraction: {
                  type: 'number',
                },
                amount: {
                  $ref: '#/components/schemas/Money',
                },
                crossed: {
                  type: 'boolean',
                },
                projectedDate: {
                  type: ['string', 'null'],
                  format: 'date',
                },
              },
              required: ['fraction', 'amount', 'crossed', 'projectedDate'],
            },
          },
          thresholdsCrossed: {
            type: 'array',
            items: {
              type: 'number',
            },
          },
          projectedBreachDate: {
            type: ['string', 'null'],
            format: 'date',
          },
          state: {
            type: 'string',
            enum: ['over', 'at-risk', 'ok', 'none'],
          },
          scoped: {
            type: 'array',
            description:
              'On the overall status, the scoped budgets of the entity by scope.',
            items: {
              $ref: '#/components/schemas/BudgetStatus',
            },
          },
        },
        required: [
          'entityRef',
          'scope',
          'currency',
          'budget',
          'source',
          'period',
          'spent',
          'forecast',
          'forecastAccuracy',
          'thresholds',
          'thresholdsCrossed',
          'projectedBreachDate',
          'state',
        ],
      },
      SpendForecast: {
        type: 'object',
        additionalProperties: false,
        description:
          "The current calendar month (UTC) of an entity and its descendants, or\nof the whole organisation (every amount ingested, unallocated\nincluded): spend so far, the month-end forecast with an 80% range,\neach remaining day's projection, past accuracy and the basis.\n",
        properties: {
          entityRef: {
            type: ['string', 'null'],
            description: 'Null for the whole organisation.',
          },
          currency: {
            type: 'string',
          },
          period: {
            type: 'object',
            additionalProperties: false,
            properties: {
              start: {
                type: 'string',
                format: 'date',
              },
              end: {
                type: 'string',
                format: 'date',
              },
              asOf: {
                type: 'string',
                format: 'date',
                description: 'Last complete day the figures include.',
              },
              daysRemaining: {
                type: 'integer',
              },
            },
            required: ['start', 'end', 'asOf', 'daysRemaining'],
          },
          spent: {
            $ref: '#/components/schemas/Money',
          },
          unallocatedSpent: {
            oneOf: [
              {
                $ref: '#/components/schemas/Money',
              },
              {
                type: 'null',
              },
            ],
            description: 'The unallocated part of spent (organisation only).',
          },
          forecast: {
            description: 'Null without history to forecast from (see basis).',
            oneOf: [
              {
                type: 'object',
                additionalProperties: false,
                properties: {
                  median: {
                    $ref: '#/components/schemas/Money',
                  },
                  low: {
                    $ref: '#/components/schemas/Money',
                  },
                  high: {
                    $ref: '#/components/schemas/Money',
                  },
                },
                required: ['median', 'low', 'high'],
              },
              {
                type: 'null',
              },
            ],
          },
          daily: {
            type: 'array',
            description:
              "The days after asOf to the month's end; empty without a forecast.",
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                date: {
                  type: 'string',
                  format: 'date',
                },
                median: {
                  $ref: '#/components/schemas/Money',
                },
                low: {
                  $ref: '#/components/schemas/Money',
                },
                high: {
                  $ref: '#/components/schemas/Money',
                },
              },
              required: ['date', 'median', 'low', 'high'],
            },
          },
          accuracy: {
            description:
              'Mean absolute % error of past month-end forecasts; null before a complete month of history.',
            oneOf: [
              {
                type: 'object',
                additionalProperties: false,
                properties: {
                  meanAbsPctError: {
                    type: 'number',
                  },
                  samples: {
                    type: 'integer',
                  },
                },
                required: ['meanAbsPctError', 'samples'],
              },
              {
                type: 'null',
              },
            ],
          },
          basis: {
            type: 'object',
            additionalProperties: false,
            properties: {
              method: {
                type: 'string',
                enum: ['weekday-median', 'sparse-mean', 'insufficient-history'],
              },
              historyDays: {
                type: 'integer',
              },
              description: {
                type: 'string',
              },
            },
            required: ['method', 'historyDays', 'description'],
          },
        },
        required: [
          'entityRef',
          'currency',
          'period',
          'spent',
          'unallocatedSpent',
          'forecast',
          'daily',
          'accuracy',
          'basis',
        ],
      },
      Anomaly: {
        type: 'object',
        additionalProperties: false,
        description:
          'A spend anomaly; an ongoing one is one anomaly whose endDate moves.',
        properties: {
          id: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          model: {
            type: 'string',
            description:
              'provider/model for a per-model anomaly, empty for the entity total.',
          },
          startDate: {
            type: 'string',
            format: 'date',
          },
          endDate: {
            type: 'string',
            format: 'date',
          },
          expected: {
            $ref: '#/components/schemas/Money',
          },
          actual: {
            $ref: '#/components/schemas/Money',
          },
          impact: {
            $ref: '#/components/schemas/Money',
          },
          impactPct: {
            type: 'number',
          },
          severity: {
            type: 'string',
            enum: ['low', 'medium', 'high', 'critical'],
          },
          rootCauses: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                dimension: {
                  type: 'string',
                  enum: ['model', 'apiKey', 'tokenType', 'child', 'provider'],
                },
                key: {
                  type: 'string',
                },
                expected: {
                  $ref: '#/components/schemas/Money',
                },
                actual: {
                  $ref: '#/components/schemas/Money',
                },
                contribution: {
                  $ref: '#/components/schemas/Money',
                },
                share: {
                  type: 'number',
                },
              },
              required: [
                'dimension',
                'key',
                'expected',
                'actual',
                'contribution',
                'share',
              ],
            },
          },
          status: {
            type: 'string',
            enum: ['open', 'resolved'],
          },
          feedback: {
            type: ['object', 'null'],
            properties: {
              value: {
                type: 'string',
                enum: ['accurate', 'expected', 'not-an-issue'],
              },
              by: {
                type: 'string',
              },
              at: {
                type: 'string',
                format: 'date-time',
              },
              comment: {
                type: 'string',
              },
            },
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: [
          'id',
          'entityRef',
          'model',
          'startDate',
          'endDate',
          'expected',
          'actual',
          'impact',
          'impactPct',
          'severity',
          'rootCauses',
          'status',
          'feedback',
          'createdAt',
          'updatedAt',
        ],
      },
      DigestSendResponse: {
        type: 'object',
        additionalProperties: false,
        description: 'What sending a digest of its last complete period did.',
        properties: {
          kind: {
            type: 'string',
            enum: ['weekly', 'monthly', 'leadership'],
          },
          period: {
            type: 'object',
            additionalProperties: false,
            description:
              'The week (Monday to Sunday) or month the digest covers, days inclusive.',
            properties: {
              from: {
                type: 'string',
                format: 'date',
              },
              to: {
                type: 'string',
                format: 'date',
              },
            },
            required: ['from', 'to'],
          },
          status: {
            type: 'string',
            enum: ['sent', 'already-sent', 'nothing-to-send'],
            description:
              'already-sent: it went out for this period before (scheduled or\nsent by hand); nothing-to-send: no owner had spend in the period,\nor no leadership group is configured.\n',
          },
          recipients: {
            type: 'integer',
            minimum: 0,
            description: 'How many groups and users it was sent to.',
          },
        },
        required: ['kind', 'period', 'status', 'recipients'],
      },
      InsightFacts: {
        type: 'object',
        additionalProperties: false,
        description:
          'The facts of every entity of the catalog index, for Tech Insights.',
        properties: {
          currency: {
            type: 'string',
          },
          entities: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                entityRef: {
                  type: 'string',
                },
                hasClaims: {
                  type: 'boolean',
                  description:
                    'The entity has ai-cost annotations that claim spend.',
                },
                monthToDateSpend: {
                  $ref: '#/components/schemas/Money',
                  description:
                    'Spend of the entity and its descendants from the 1st of\nthe month to today (UTC), as GET /costs reports it.\n',
                },
                budgetState: {
                  type: 'string',
                  enum: ['over', 'at-risk', 'ok', 'none'],
                  description:
                    'State of its budget, as GET /budgets/status reports it; none without one.',
                },
                openAnomalies: {
                  type: 'integer',
                  minimum: 0,
                  description:
                    'Open anomalies of the entity and its descendants.',
                },
                policyViolations: {
                  type: 'integer',
                  minimum: 0,
                  description: 'Model policy violations this month.',
                },
              },
              required: [
                'entityRef',
                'hasClaims',
                'monthToDateSpend',
                'budgetState',
                'openAnomalies',
                'policyViolations',
              ],
            },
          },
        },
        required: ['currency', 'entities'],
      },
      ModelTier: {
        type: 'string',
        enum: ['frontier', 'standard', 'efficient'],
      },
      BudgetEnforcement: {
        type: 'string',
        enum: ['block', 'block-non-production', 'warn'],
      },
      PolicyException: {
        type: 'object',
        additionalProperties: false,
        description:
          "An approved use of models above an entity's policy until a day.",
        properties: {
          id: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          model: {
            type: 'string',
            description: 'Model glob',
            'lower-case.': null,
          },
          justification: {
            type: 'string',
          },
          expiresAt: {
            type: 'string',
            format: 'date',
            description: 'Last day it applies (UTC).',
          },
          createdBy: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: [
          'id',
          'entityRef',
          'model',
          'justification',
          'expiresAt',
          'createdBy',
          'createdAt',
        ],
      },
      PolicyViolation: {
        type: 'object',
        additionalProperties: false,
        description:
          "Spend in the window on a model the entity's policy does not allow.",
        properties: {
          entityRef: {
            type: 'string',
          },
          model: {
            type: 'string',
          },
          tier: {
            oneOf: [
              {
                $ref: '#/components/schemas/ModelTier',
              },
              {
                type: 'null',
              },
            ],
          },
          allowedTier: {
            oneOf: [
              {
                $ref: '#/components/schemas/ModelTier',
              },
              {
                type: 'null',
              },
            ],
          },
          cost: {
            type: 'number',
          },
          days: {
            type: 'integer',
            minimum: 1,
          },
          exception: {
            $ref: '#/components/schemas/PolicyException',
          },
        },
        required: ['entityRef', 'model', 'tier', 'allowedTier', 'cost', 'days'],
      },
      ModelPolicy: {
        type: 'object',
        additionalProperties: false,
        description:
          'The model policy in force for an entity and where it comes from.',
        properties: {
          entityRef: {
            type: 'string',
          },
          maxTier: {
            oneOf: [
              {
                $ref: '#/components/schemas/ModelTier',
              },
              {
                type: 'null',
              },
            ],
          },
          maxTierSource: {
            type: 'string',
            enum: ['annotation', 'org-default', 'none'],
          },
          allowedModels: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          environment: {
            type: ['string', 'null'],
          },
          enforcement: {
            oneOf: [
              {
                $ref: '#/components/schemas/BudgetEnforcement',
              },
              {
                type: 'null',
              },
            ],
          },
          exceptions: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/PolicyException',
            },
          },
        },
        required: [
          'entityRef',
          'maxTier',
          'maxTierSource',
          'allowedModels',
          'environment',
          'enforcement',
          'exceptions',
        ],
      },
      GuardrailDecision: {
        type: 'object',
        additionalProperties: false,
        properties: {
          decision: {
            type: 'string',
            enum: ['allow', 'warn', 'deny'],
          },
          reasons: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          entityRef: {
            type: ['string', 'null'],
          },
          enforcement: {
            oneOf: [
              {
                $ref: '#/components/schemas/BudgetEnforcement',
              },
              {
                type: 'null',
              },
            ],
          },
          budget: {
            type: 'object',
            additionalProperties: false,
            properties: {
              state: {
                type: 'string',
                enum: ['over', 'at-risk', 'ok', 'none'],
              },
              budget: {
                type: ['number', 'null'],
              },
              spent: {
                type: 'number',
              },
              currency: {
                type: 'string',
              },
            },
            required: ['state', 'budget', 'spent', 'currency'],
          },
          environment: {
            type: 'string',
          },
        },
        required: ['decision', 'reasons', 'entityRef', 'enforcement'],
      },
    },
    parameters: {
      EntityRef: {
        name: 'entityRef',
        in: 'query',
        required: true,
        description:
          'A full entity reference such as component:default/my-service.',
        allowReserved: true,
        schema: {
          $ref: '#/components/schemas/EntityRef',
        },
      },
      BudgetScope: {
        name: 'scope',
        in: 'query',
        required: false,
        description:
          'The allocation tag value a scoped budget covers, <tag>:<value> such\nas environment:staging; the tag must be one of aiCost.allocation.tags\n(400 otherwise) and a known spelling of the value is read as its\ncanonical value. Without it, the overall budget.\n',
        allowReserved: true,
        schema: {
          type: 'string',
        },
      },
      From: {
        name: 'from',
        in: 'query',
        required: true,
        description: 'First day, YYYY-MM-DD (UTC).',
        schema: {
          type: 'string',
          format: 'date',
        },
      },
      To: {
        name: 'to',
        in: 'query',
        required: true,
        description: 'Last day, YYYY-MM-DD (UTC), inclusive.',
        schema: {
          type: 'string',
          format: 'date',
        },
      },
      Month: {
        name: 'month',
        in: 'query',
        required: true,
        description: 'A calendar month, YYYY-MM.',
        schema: {
          type: 'string',
          pattern: '^\\d{4}-\\d{2}$',
        },
      },
      Year: {
        name: 'year',
        in: 'query',
        required: true,
        description: 'A calendar year, YYYY, up to next year.',
        schema: {
          type: 'string',
          pattern: '^\\d{4}$',
        },
      },
      AllocationRuleId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The rule id, e.g. shared-eval-key.',
        schema: {
          type: 'string',
          pattern: '^[a-z0-9][a-z0-9_.-]{0,99}$',
        },
      },
      SubscriptionId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The subscription id, e.g. copilot-business.',
        schema: {
          type: 'string',
          pattern: '^[a-z0-9][a-z0-9_.-]{0,99}$',
        },
      },
      OptionalEntityRef: {
        name: 'entityRef',
        in: 'query',
        required: false,
        description:
          'One entity and its descendants the caller can see; without it, the\nwhole organisation (needs ai-cost.org.read).\n',
        allowReserved: true,
        schema: {
          $ref: '#/components/schemas/EntityRef',
        },
      },
      Limit: {
        name: 'limit',
        in: 'query',
        required: false,
        description: 'Items per page.',
        schema: {
          type: 'integer',
          minimum: 1,
          maximum: 500,
          default: 50,
        },
      },
      Cursor: {
        name: 'cursor',
        in: 'query',
        required: false,
        description:
          'The nextCursor of the previous page; the first page without it.',
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 512,
        },
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
    '/costs': {
      get: {
        operationId: 'GetEntityCosts',
        description:
          'Spend of one entity and its descendants. Needs ai-cost.costs.read on the\nentity; an entity the caller cannot see in the catalog answers 404.\n',
        parameters: [
          {
            $ref: '#/components/parameters/EntityRef',
          },
          {
            $ref: '#/components/parameters/From',
          },
          {
            $ref: '#/components/parameters/To',
          },
        ],
        responses: {
          '200': {
            description: "The entity's spend.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityCosts',
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
    '/rollup': {
      get: {
        operationId: 'GetRollup',
        description:
          'Organisation-wide spend grouped by owner, system, domain, provider,\nmodel or spend category, with the unallocated spend per provider\ndimension. Needs\nai-cost.org.read.\n',
        parameters: [
          {
            name: 'groupBy',
            in: 'query',
            required: true,
            schema: {
              $ref: '#/components/schemas/RollupGroupBy',
            },
          },
          {
            $ref: '#/components/parameters/From',
          },
          {
            $ref: '#/components/parameters/To',
          },
          {
            name: 'metric',
            in: 'query',
            required: false,
            description:
              'groupBy=tag:<key> only: a metric (built-in requests, tokens,\ncustomers, or a pushed one) each item is measured by; adds\nmetricValue and unitCost, and margin with marginPercent for a\nmoney metric. Tag values with a metric value but no spend are\nitems too.\n',
            schema: {
              type: 'string',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The rollup.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Rollup',
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
    '/metrics': {
      post: {
        operationId: 'PushMetrics',
        description:
          'Pushes business metric values (DESIGN §9.2): `{ metrics: [{ metric,\ndate, value, unit?, entityRef?, tags? }] }`, at most 10,000 points\nand `aiCost.push.maxBatchBytes` bytes. Idempotent: the same metric,\ndate, entityRef and tags replace the earlier value. Partial: each\ninvalid point is listed in `rejected` by index and field while the\nvalid ones are stored. A metric keeps one unit; a unit that is a\ncurrency code makes it money, which must be in aiCost.currency (and\nonly money may be negative). The built-in metrics requests, tokens\nand customers cannot be pushed. Needs a service token (external\naccess) or a user with ai-cost.admin. Audited (metrics-push).\n',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['metrics'],
                properties: {
                  metrics: {
                    type: 'array',
                    maxItems: 10000,
                    items: {
                      type: 'object',
                      properties: {
                        metric: {
                          type: 'string',
                        },
                        date: {
                          type: 'string',
                          format: 'date',
                        },
                        value: {
                          type: ['number', 'string'],
                        },
                        unit: {
                          type: 'string',
                        },
                        entityRef: {
                          type: 'string',
                        },
                        tags: {
                          type: 'object',
                          additionalProperties: {
                            type: 'string',
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'What became of each point.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    accepted: {
                      type: 'integer',
                    },
                    rejected: {
                      type: 'array',
                      items: {
                        type: 'object',
                        additionalProperties: false,
                        properties: {
                          index: {
                            type: 'integer',
                          },
                          field: {
                            type: 'string',
                          },
                          message: {
                            type: 'string',
                          },
                        },
                        required: ['index', 'field', 'message'],
                      },
                    },
                    metrics: {
                      type: 'array',
                      items: {
                        type: 'string',
                      },
                    },
                  },
                  required: ['accepted', 'rejected', 'metrics'],
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      get: {
        operationId: 'ListMetrics',
        description:
          'Every metric unit costs can divide by: the built-ins, then the\npushed and pulled ones with their unit and last day. Names and units\nonly; any signed-in user or service. With entityRef, only the stored\nmetrics with a value for that entity or its descendants (the\norganisation-wide values left out), their last day among those\nvalues; needs ai-cost.costs.read on the entity (404 otherwise).\n',
        parameters: [
          {
            name: 'entityRef',
            in: 'query',
            required: false,
            description:
              'A full entity reference such as component:default/my-service.',
            allowReserved: true,
            schema: {
              $ref: '#/components/schemas/EntityRef',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The metrics.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    metrics: {
                      type: 'array',
                      items: {
                        type: 'object',
                        additionalProperties: false,
                        properties: {
                          metric: {
                            type: 'string',
                          },
                          unit: {
                            type: ['string', 'null'],
                          },
                          money: {
                            type: 'boolean',
                          },
                          builtIn: {
                            type: 'boolean',
                          },
                          lastDate: {
                            type: ['string', 'null'],
                            format: 'date',
                          },
                        },
                        required: [
                          'metric',
                          'unit',
                          'money',
                          'builtIn',
                          'lastDate',
                        ],
                      },
                    },
                  },
                  required: ['metrics'],
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
    '/unit-costs': {
      get: {
        operationId: 'GetUnitCosts',
        description:
          "An entity's spend (with its descendants) divided by a metric: daily\ncost, value and unit cost, the previous period, the change, and a\nunit-trend forecast of the next period. metric defaults to the\nentity's ai-cost/unit-metric annotation, else requests. Pushed\nmetrics are summed over the entity and its descendants. Days without\na value are left out of the unit cost and reported as\ncostWithoutMetric. Needs ai-cost.costs.read on the entity.\n",
        parameters: [
          {
            $ref: '#/components/parameters/EntityRef',
          },
          {
            name: 'metric',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
            },
          },
          {
            $ref: '#/components/parameters/From',
          },
          {
            $ref: '#/components/parameters/To',
          },
        ],
        responses: {
          '200': {
            description: 'The unit costs.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/UnitCosts',
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
    '/export.csv': {
      get: {
        operationId: 'ExportCsv',
        description:
          'Showback / chargeback CSV, streamed: per day, one line per entity,\nprovider and model. With entityRef (ai-cost.costs.read): that entity\nand the descendants the caller can see in the catalog, plus one line\nper day with entity_ref "(not visible to you)" for the spend of the\nothers, so the lines sum to the entity\'s total. Without\n(ai-cost.org.read): every entity, plus the day\'s unallocated spend\nwith an empty entity_ref, unallocated_dimension and unallocated_value\nnaming what would claim it and an empty estimated_cost, so the lines\nsum to the total of /rollup. Columns: date, entity_ref, owner,\nsystem, domain, provider, model, api_key_id, cost, estimated_cost,\ncurrency, input_tokens, cached_input_tokens, cache_write_tokens,\noutput_tokens, requests, unallocated_dimension, unallocated_value,\nsplit_rule (the split rule that gave the spend), original_cost and\noriginal_currency (the billed amount and currency of spend converted\ninto aiCost.currency; empty when not converted), then tag_<key> for\neach allocation tag (every value, unlike the bounded page views).\nThere is no project column (attributed spend does not keep the\nproject); unallocated lines name it as dimension projectId.\n',
        parameters: [
          {
            $ref: '#/components/parameters/OptionalEntityRef',
          },
          {
            $ref: '#/components/parameters/From',
          },
          {
            $ref: '#/components/parameters/To',
          },
        ],
        responses: {
          '200': {
            description: 'The CSV document.',
            content: {
              'text/csv': {
                schema: {
                  type: 'string',
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
    '/attribution': {
      get: {
        operationId: 'GetAttributionStatus',
        description:
          'The annotation index: when it was built, conflicting claims and\nannotations that could not be read. Needs ai-cost.org.read.\n',
        responses: {
          '200': {
            description: 'The index state.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AttributionStatus',
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
    '/attribution/preview': {
      post: {
        operationId: 'PreviewAttribution',
        description:
          'What a catalog entity would claim before it is merged: each claim\nwith its spend over the last 30 days, when its value was last billed\nand whom it would conflict with; annotation problems and leftover\nplaceholders such as `<openai-project-id>`. Any signed-in caller;\nnothing is saved.\n',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  entity: {
                    type: 'object',
                    description:
                      'A catalog entity (kind, metadata.name, metadata.annotations).',
                  },
                },
                required: ['entity'],
              },
            },
            'text/yaml': {
              schema: {
                type: 'string',
                description: "The entity's catalog-info.yaml (one document).",
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The claims the entity would make.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AttributionPreview',
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
    '/attribution/values': {
      get: {
        operationId: 'GetAttributionValues',
        description:
          'The ids and tags seen in billing over the last 90 days (projects,\nkeys, workspaces, accounts, resources, tags), costliest first, with\nwho claims each and the annotation line that would claim it. Needs\nai-cost.org.read.\n',
        parameters: [
          {
            name: 'provider',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 64,
            },
          },
          {
            name: 'q',
            in: 'query',
            required: false,
            description: 'Case-insensitive substring of the value.',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 256,
            },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 1000,
              default: 100,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The values.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AttributionValues',
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
    '/attribution/claims': {
      get: {
        operationId: 'GetAttributionClaims',
        description:
          "The claims of an entity's ai-cost/* annotations, each with whether a\nsource of its provider is configured, whether its value was ever\nseen in stored billing data, and the last day it was. Apart from\nGET /costs because it reads stored usage. Needs ai-cost.costs.read\non the entity.\n",
        parameters: [
          {
            $ref: '#/components/parameters/EntityRef',
          },
        ],
        responses: {
          '200': {
            description: 'The claims with their state.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    entityRef: {
                      type: 'string',
                    },
                    claims: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Claim',
                      },
                    },
                  },
                  required: ['entityRef', 'claims'],
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
    '/attribution/refresh': {
      post: {
        operationId: 'RefreshAttribution',
        description:
          'Rebuilds the annotation index from the catalog now and re-attributes\nthe providers whose claims changed. Needs ai-cost.admin.\n',
        responses: {
          '202': {
            description: 'The rebuild was triggered.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    status: {
                      type: 'string',
                      enum: ['triggered'],
                    },
                  },
                  required: ['status'],
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
    '/chargeback': {
      get: {
        operationId: 'GetChargeback',
        description:
          "The month's chargeback statement: a line per group (or user) that\nowns spend directly, with its cost centre (ai-cost/cost-center on the\ngroup or its nearest parent group), the unallocated spend, and the\nrestatements of closed months booked on it as adjustments. A closed\nmonth is returned as it was closed. Needs ai-cost.org.read.\n",
        parameters: [
          {
            $ref: '#/components/parameters/Month',
          },
        ],
        responses: {
          '200': {
            description: 'The statement.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ChargebackStatement',
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
    '/chargeback.csv': {
      get: {
        operationId: 'GetChargebackCsv',
        description:
          'The statement as CSV (month, status, kind charge / adjustment /\nunallocated, entity_ref, cost_center, cost, currency,\nrestated_month, reason); the cost column sums to total plus\nadjustmentsTotal. Needs ai-cost.org.read.\n',
        parameters: [
          {
            $ref: '#/components/parameters/Month',
          },
        ],
        responses: {
          '200': {
            description: 'The CSV document.',
            content: {
              'text/csv': {
                schema: {
                  type: 'string',
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
    '/chargeback/close': {
      post: {
        operationId: 'CloseChargebackMonth',
        description:
          'Closes a month that has ended: its statement is stored and never\nchanges; later restatements of it are booked on the first open month\nafter it. 409 for a month not over yet or closed already. Needs\nai-cost.admin; audited.\n',
        parameters: [
          {
            $ref: '#/components/parameters/Month',
          },
        ],
        responses: {
          '200': {
            description: 'The closed statement.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ChargebackStatement',
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
    '/plan': {
      get: {
        operationId: 'GetYearPlan',
        description:
          "The year's plan per team (the group, user or unowned entity charged\nfor spend, as in chargeback): each month's actual spend once it has\nended, else its forecast with an 80% band; the budget in force; the\nunallocated spend and the totals. Every month the teams and the\nunallocated spend add up to the total exactly (rounded to cents once,\nlargest remainder). 400 for a year that is not YYYY, before 1970 or\nafter next year. Needs ai-cost.org.read.\n",
        parameters: [
          {
            $ref: '#/components/parameters/Year',
          },
        ],
        responses: {
          '200': {
            description: 'The plan.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/YearPlan',
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
    '/plan.csv': {
      get: {
        operationId: 'GetYearPlanCsv',
        description:
          "The plan as CSV (year, month, kind actual / forecast, entity_ref,\namount, low, high, budget, budget_period, currency): a row per team\nand month, then the unallocated months with an empty entity_ref;\neach month's amounts sum to its total in GET /plan. Needs\nai-cost.org.read.\n",
        parameters: [
          {
            $ref: '#/components/parameters/Year',
          },
        ],
        responses: {
          '200': {
            description: 'The CSV document.',
            content: {
              'text/csv': {
                schema: {
                  type: 'string',
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
    '/allocation/coverage': {
      get: {
        operationId: 'GetAllocationCoverage',
        description:
          'How much spend is allocated to entities, overall, per provider and\nper day; per allocation tag how much carries a value and the largest\nspend without one; whether coverage reached the chargeback threshold\n(aiCost.allocation.chargeback.coverageThreshold). Needs ai-cost.org.read.\n',
        parameters: [
          {
            $ref: '#/components/parameters/From',
          },
          {
            $ref: '#/components/parameters/To',
          },
        ],
        responses: {
          '200': {
            description: 'Allocation coverage of the window.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AllocationCoverage',
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
    '/allocation/rules': {
      get: {
        operationId: 'GetAllocationRules',
        description:
          "Virtual-tag and split rules in the order they apply (portal rules\nfirst, then app-config's), each with the spend it matched over the\nlast 30 days and its problems. Needs ai-cost.org.read.\n",
        responses: {
          '200': {
            description: 'The allocation rules.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AllocationRules',
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
    '/allocation/rules/preview': {
      post: {
        operationId: 'PreviewAllocationRule',
        description:
          'What a candidate rule would move over the last 30 days if it were\nsaved (replacing a portal rule of the same id), computed exactly as\nthe re-attribution that saving it starts. Needs ai-cost.admin;\nnothing is saved.\n',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/AllocationRuleInput',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The spend the rule matches and what it moves.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AllocationRulePreview',
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
    '/allocation/rules/{id}': {
      put: {
        operationId: 'PutAllocationRule',
        description:
          'Creates (appended last) or replaces a portal-managed rule, then\nre-attributes the stored spend it can move. Ids of app-config rules\nare refused (409). Needs ai-cost.admin; audited.\n',
        parameters: [
          {
            $ref: '#/components/parameters/AllocationRuleId',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/AllocationRuleInput',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The rule, replaced.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AllocationRuleView',
                },
              },
            },
          },
          '201': {
            description: 'The rule, created.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AllocationRuleView',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      delete: {
        operationId: 'DeleteAllocationRule',
        description:
          'Removes a portal-managed rule and re-attributes the spend it moved.\nNeeds ai-cost.admin; audited.\n',
        parameters: [
          {
            $ref: '#/components/parameters/AllocationRuleId',
          },
        ],
        responses: {
          '204': {
            description: 'Removed.',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/subscriptions': {
      get: {
        operationId: 'GetSubscriptions',
        description:
          "Subscriptions (app-config's, then the portal's) with this month's\namortised cost, cost per seat and per active seat, and their\nproblems. Needs ai-cost.org.read.\n",
        responses: {
          '200': {
            description: 'The subscriptions.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Subscriptions',
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
    '/subscriptions/{id}': {
      put: {
        operationId: 'PutSubscription',
        description:
          'Creates or replaces a portal-managed subscription, then re-reads the\nsubscriptions source and re-attributes its spend. Ids of app-config\nsubscriptions are refused (409). Needs ai-cost.admin; audited.\n',
        parameters: [
          {
            $ref: '#/components/parameters/SubscriptionId',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/SubscriptionInput',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The subscription, replaced.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SubscriptionView',
                },
              },
            },
          },
          '201': {
            description: 'The subscription, created.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SubscriptionView',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      delete: {
        operationId: 'DeleteSubscription',
        description:
          "Removes a portal-managed subscription (app-config's answer 409).\nNeeds ai-cost.admin; audited.\n",
        parameters: [
          {
            $ref: '#/components/parameters/SubscriptionId',
          },
        ],
        responses: {
          '204': {
            description: 'Removed.',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/budgets': {
      get: {
        operationId: 'GetBudget',
        description:
          'The budget in force for an entity, overall or of one scope: one set\nin the portal, else the ai-cost/monthly-budget annotation\n(`2500 USD, staging=300 USD`). 404 when there is none.\n',
        parameters: [
          {
            $ref: '#/components/parameters/EntityRef',
          },
          {
            $ref: '#/components/parameters/BudgetScope',
          },
        ],
        responses: {
          '200': {
            description: 'The budget.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Budget',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      put: {
        operationId: 'PutBudget',
        description:
          "Sets the entity's budget (overall, or of one scope) in the portal,\noverriding its annotation for that scope. Needs ai-cost.budget.update\non the entity; audited with the scope.\n",
        parameters: [
          {
            $ref: '#/components/parameters/EntityRef',
          },
          {
            $ref: '#/components/parameters/BudgetScope',
          },
        ],
        requestBody: {
          required: true,
          description:
            "The budget to set. A Budget as GET /budgets returns it is accepted:\nsource, scope, updatedBy and updatedAt are ignored (the query's\nscope applies), and entityRef must name the entity of the query.\n",
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['amount'],
                properties: {
                  amount: {
                    type: 'number',
                    exclusiveMinimum: 0,
                    maximum: 1000000000000,
                  },
                  currency: {
                    $ref: '#/components/schemas/Currency',
                  },
                  period: {
                    type: 'string',
                    enum: ['month', 'quarter'],
                    default: 'month',
                  },
                  thresholds: {
                    type: 'array',
                    minItems: 1,
                    maxItems: 10,
                    items: {
                      type: 'number',
                      exclusiveMinimum: 0,
                      maximum: 10,
                    },
                    default: [0.5, 0.8, 1],
                  },
                  entityRef: {
                    $ref: '#/components/schemas/EntityRef',
                    description:
                      'Optional; must equal the entityRef of the query.',
                  },
                  source: {
                    type: 'string',
                    enum: ['portal', 'annotation'],
                    description: 'Read-only; ignored.',
                  },
                  scope: {
                    type: ['string', 'null'],
                    description: 'Read-only; ignored.',
                  },
                  updatedBy: {
                    type: 'string',
                    description: 'Read-only; ignored.',
                  },
                  updatedAt: {
                    type: 'string',
                    description: 'Read-only; ignored.',
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The budget now in force.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Budget',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      delete: {
        operationId: 'DeleteBudget',
        description:
          "Removes the budget (overall, or of one scope) set in the portal; the\nannotation's for that scope applies again. Needs\nai-cost.budget.update on the entity; audited with the scope.\n",
        parameters: [
          {
            $ref: '#/components/parameters/EntityRef',
          },
          {
            $ref: '#/components/parameters/BudgetScope',
          },
        ],
        responses: {
          '204': {
            description: 'Removed.',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/budgets/suggestion': {
      get: {
        operationId: 'GetBudgetSuggestion',
        description:
          "A budget suggested from the entity's spend, its descendants'\nincluded: the current month's month-end forecast (three times it for\na quarter) times aiCost.budgets.suggestionHeadroom (default 1.15),\nrounded up to two significant digits, with the average daily spend of\nthe last 30 days and the basis in words. suggested is null, with a\nreason, when there is no spend to go by. Needs ai-cost.costs.read on\nthe entity, as GET /budgets.\n",
        parameters: [
          {
            $ref: '#/components/parameters/EntityRef',
          },
          {
            name: 'period',
            in: 'query',
            required: false,
            description: 'The period the budget would run over.',
            schema: {
              type: 'string',
              enum: ['month', 'quarter'],
              default: 'month',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The suggestion.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/BudgetSuggestion',
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
    '/budgets/status': {
      get: {
        operationId: 'GetBudgetStatus',
        description:
          "Spend of the current period against the budget, the forecast for the\nperiod's end with an 80% band, and the thresholds reached or projected:\nthe overall budget (scope null), its scoped budgets in scoped.\nWith entityRef needs ai-cost.costs.read on it; without, returns every\nbudgeted entity and needs ai-cost.org.read.\n",
        parameters: [
          {
            $ref: '#/components/parameters/OptionalEntityRef',
          },
        ],
        responses: {
          '200': {
            description: 'One status, or a list of them without entityRef.',
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    {
                      $ref: '#/components/schemas/BudgetStatus',
                    },
                    {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/BudgetStatus',
                      },
                    },
                  ],
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
    '/budgets/requests': {
      get: {
        operationId: 'GetBudgetRequests',
        description:
          "Budget requests, newest first: with ai-cost.org.read all of them;\notherwise the caller's own, those the caller may decide and those the\ncaller decided.\n",
        parameters: [
          {
            name: 'status',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              enum: ['pending', 'approved', 'rejected'],
            },
          },
          {
            name: 'entityRef',
            in: 'query',
            required: false,
            allowReserved: true,
            schema: {
              $ref: '#/components/schemas/EntityRef',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The requests.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/BudgetApprovalRequest',
                      },
                    },
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
      post: {
        operationId: 'CreateBudgetRequest',
        description:
          "Asks for a budget for an entity the caller can read, as the signed-in\nuser (the Scaffolder calls it on the user's behalf). Above\naiCost.budgets.approval.businessCaseAbove (a month) a business case of\nbusinessCaseMinLength characters is required; below autoApproveBelow\nit is approved and applied at once by the system. Otherwise it waits\nfor an approver, who is notified. Audited.\n",
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['entityRef', 'amount'],
                properties: {
                  entityRef: {
                    $ref: '#/components/schemas/EntityRef',
                  },
                  amount: {
                    type: 'number',
                    exclusiveMinimum: 0,
                    maximum: 1000000000000,
                  },
                  period: {
                    type: 'string',
                    enum: ['month', 'quarter'],
                    default: 'month',
                  },
                  scope: {
                    type: 'string',
                    description:
                      'Allocation tag and value, e.g. environment:staging.',
                  },
                  businessCase: {
                    type: 'string',
                    maxLength: 4000,
                  },
                },
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The request, pending or auto-approved.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/BudgetApprovalRequest',
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
    '/budgets/requests/{id}/approve': {
      post: {
        operationId: 'ApproveBudgetRequest',
        description:
          "Approves a pending request and sets the budget on behalf of the\napprover: a member of a parent group of the entity's owner group or of\naiCost.budgets.approval.approvers, never the requester (403). 409 when\nit is no longer pending. Audited; the requester is notified.\n",
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
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  comment: {
                    type: 'string',
                    maxLength: 4000,
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The approved request.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/BudgetApprovalRequest',
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
    '/budgets/requests/{id}/reject': {
      post: {
        operationId: 'RejectBudgetRequest',
        description:
          'Rejects a pending request with a reason (comment, required). Same\napprovers as approve. Audited; the requester is notified.\n',
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
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['comment'],
                properties: {
                  comment: {
                    type: 'string',
                    minLength: 1,
                    maxLength: 4000,
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The rejected request.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/BudgetApprovalRequest',
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
    '/forecast': {
      get: {
        operationId: 'GetSpendForecast',
        description:
          "The current month's spend and its month-end forecast with an 80%\nrange, each remaining day's projection (for charts), the accuracy of\npast forecasts and the basis. With entityRef, of the entity and its\ndescendants (needs ai-cost.costs.read on it); without, of the whole\norganisation, unallocated spend included (needs ai-cost.org.read).\n",
        parameters: [
          {
            $ref: '#/components/parameters/OptionalEntityRef',
          },
        ],
        responses: {
          '200': {
            description: 'The forecast.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SpendForecast',
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
    '/anomalies': {
      get: {
        operationId: 'ListAnomalies',
        description:
          'Anomalies of an entity and its descendants the caller can see\n(ai-cost.costs.read), or of every entity without entityRef\n(ai-cost.org.read); newest start first, then largest impact. One page\nat a time: follow nextCursor until it is null.\n',
        parameters: [
          {
            $ref: '#/components/parameters/OptionalEntityRef',
          },
          {
            name: 'status',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              enum: ['open', 'resolved', 'all'],
              default: 'all',
            },
          },
          {
            $ref: '#/components/parameters/Limit',
          },
          {
            $ref: '#/components/parameters/Cursor',
          },
        ],
        responses: {
          '200': {
            description: 'One page of anomalies.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Anomaly',
                      },
                    },
                    nextCursor: {
                      $ref: '#/components/schemas/NextCursor',
                    },
                  },
                  required: ['items', 'nextCursor'],
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
    '/anomalies/{id}/feedback': {
      post: {
        operationId: 'PostAnomalyFeedback',
        description:
          "Records whether an anomaly was accurate, expected or not an issue.\nNeeds ai-cost.costs.read on the anomaly's entity.\n",
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
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  feedback: {
                    type: 'string',
                    enum: ['accurate', 'expected', 'not-an-issue'],
                  },
                  comment: {
                    type: 'string',
                    maxLength: 2000,
                  },
                },
                required: ['feedback'],
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The anomaly with its feedback.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Anomaly',
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
    '/anomalies/settings': {
      get: {
        operationId: 'GetAnomalySettings',
        description:
          'The anomaly threshold in force for an entity: one set in the portal,\nelse the ai-cost/anomaly-threshold annotation, else the org default\n(aiCost.anomalies.minImpact, minImpactPercent). Anomalies below it\nare not raised.\n',
        parameters: [
          {
            $ref: '#/components/parameters/EntityRef',
          },
        ],
        responses: {
          '200': {
            description: 'The threshold in force.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AnomalySettings',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      put: {
        operationId: 'PutAnomalySettings',
        description:
          "Sets the entity's anomaly threshold in the portal, overriding its\nannotation; both parts null removes the portal setting. Needs\nai-cost.budget.update on the entity; audited as anomaly-settings-update.\n",
        parameters: [
          {
            $ref: '#/components/parameters/EntityRef',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  minImpact: {
                    type: ['number', 'null'],
                    minimum: 0,
                    maximum: 1000000000000,
                  },
                  minImpactPercent: {
                    type: ['number', 'null'],
                    minimum: 0,
                    maximum: 1000,
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The threshold now in force.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AnomalySettings',
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
    '/digests/send': {
      post: {
        operationId: 'SendDigest',
        description:
          'Sends a digest of its last complete period now (the week Monday to\nSunday, or the month): weekly or monthly to every group and user\nwhose view had spend, or the leadership report to the groups of\naiCost.digests.leadership. A digest goes out once per period, so a\nperiod already sent (on schedule or by hand) is not sent again.\nWorks whether or not the digest is scheduled in aiCost.digests.\nNeeds ai-cost.admin; audited.\n',
        parameters: [
          {
            name: 'kind',
            in: 'query',
            required: true,
            schema: {
              type: 'string',
              enum: ['weekly', 'monthly', 'leadership'],
            },
          },
        ],
        responses: {
          '200': {
            description: 'What was sent.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/DigestSendResponse',
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
    '/insights/facts': {
      get: {
        operationId: 'GetInsightFacts',
        description:
          'The facts of every entity of the catalog index in one response, as\nthe Tech Insights module reads them: whether it claims spend, its\nmonth-to-date spend, budget state, open anomalies and policy\nviolations. For service principals, or users with ai-cost.org.read.\n',
        responses: {
          '200': {
            description: "Every entity's facts.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InsightFacts',
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
    '/policies': {
      get: {
        operationId: 'GetModelPolicy',
        description:
          'The model policy in force for an entity: its ai-cost/max-model-tier\nannotation, else the org default for its environment\n(aiCost.policies.defaults, defaultMaxTier); its ai-cost/allowed-models\nglobs; its ai-cost/budget-enforcement opt-in; and its exceptions.\n',
        parameters: [
          {
            $ref: '#/components/parameters/EntityRef',
          },
        ],
        responses: {
          '200': {
            description: 'The policy in force.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ModelPolicy',
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
    '/policies/violations': {
      get: {
        operationId: 'ListPolicyViolations',
        description:
          "Attributed spend in the window on models an entity's policy does not\nallow, per entity and model, most costly first: of the entity and its\ndescendants (each judged by its own policy), or without entityRef of\nevery entity (needs ai-cost.org.read). A violation an exception in\nforce on the last day covers carries it.\n",
        parameters: [
          {
            $ref: '#/components/parameters/OptionalEntityRef',
          },
          {
            $ref: '#/components/parameters/From',
          },
          {
            $ref: '#/components/parameters/To',
          },
        ],
        responses: {
          '200': {
            description: 'The violations.',
            content: {
              'application/json': {
                schema: {
                  type: 'array',
                  items: {
                    $ref: '#/components/schemas/PolicyViolation',
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
    '/policies/exceptions': {
      get: {
        operationId: 'ListPolicyExceptions',
        description:
          "An entity's policy exceptions, newest first, expired ones too.",
        parameters: [
          {
            $ref: '#/components/parameters/EntityRef',
          },
        ],
        responses: {
          '200': {
            description: 'The exceptions.',
            content: {
              'application/json': {
                schema: {
                  type: 'array',
                  items: {
                    $ref: '#/components/schemas/PolicyException',
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
      post: {
        operationId: 'CreatePolicyException',
        description:
          'Lets an entity use models matching a glob above its policy until a\nday (today up to 366 days ahead), with a justification of at least\n20 characters. Needs ai-cost.budget.update on the entity; audited as\npolicy-exception-create.\n',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  entityRef: {
                    $ref: '#/components/schemas/EntityRef',
                  },
                  model: {
                    type: 'string',
                    pattern: '^[A-Za-z0-9*._:/@-]{1,200}$',
                  },
                  justification: {
                    type: 'string',
                    minLength: 20,
                    maxLength: 2000,
                  },
                  expiresAt: {
                    type: 'string',
                    format: 'date',
                  },
                },
                required: ['entityRef', 'model', 'justification', 'expiresAt'],
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The exception.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PolicyException',
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
    '/policies/exceptions/{id}': {
      delete: {
        operationId: 'DeletePolicyException',
        description:
          'Removes an exception. Needs ai-cost.budget.update on its entity;\naudited as policy-exception-delete.\n',
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
          '204': {
            description: 'Removed.',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/guardrails/decision': {
      get: {
        operationId: 'GetGuardrailDecision',
        description:
          "A gateway's pre-call check (opt-in per entity). The caller is named\nby entityRef, by provider and apiKeyId (resolved through the claims),\nor by gateway tags such as team=search; model is the model asked\nfor. deny only when the entity opted in with ai-cost/budget-enforcement\nblock (or block-non-production outside production) and its budget is\nexhausted or the model is not allowed; the same without enforcement\nis warn. For service principals, or users with ai-cost.org.read.\nAnswered from a cache refreshed after attribution.\n",
        parameters: [
          {
            $ref: '#/components/parameters/OptionalEntityRef',
          },
          {
            name: 'provider',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
            },
          },
          {
            name: 'apiKeyId',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
            },
          },
          {
            name: 'tags',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
            },
          },
          {
            name: 'model',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The decision.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/GuardrailDecision',
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
            $ref: '#/components/parameters/From',
          },
          {
            $ref: '#/components/parameters/To',
          },
        ],
        responses: {
          '200': {
            description: 'One row per source and day with usage.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    currency: {
                      $ref: '#/components/schemas/Currency',
                    },
                    from: {
                      type: 'string',
                      format: 'date',
                    },
                    to: {
                      type: 'string',
                      format: 'date',
                    },
                    days: {
                      type: 'array',
                      items: {
                        type: 'object',
                        additionalProperties: false,
                        properties: {
                          date: {
                            type: 'string',
                            format: 'date',
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
    '/ingest/events': {
      post: {
        operationId: 'IngestEvents',
        description:
          "Pushes a batch of gateway usage events into the source\n`aiCost.push.sourceId` (default `gateway`): OpenTelemetry GenAI\nusage events (`format: otel`, the default) or LiteLLM events\n(`format: litellm`: StandardLoggingPayloads as its logging callbacks\nsend them, or LiteLLM_SpendLogs rows). LiteLLM's generic API callback\nmay post its batch as it is: a JSON array of StandardLoggingPayloads\n(or one payload) is read as a `litellm` batch. Idempotent by event\nid: a re-sent event changes\nnothing. Partial: each invalid event is listed in `rejected` by index\nand field while the valid ones are stored. Events without a cost are\npriced from the bundled price data (unknown models are stored as\nunpriced, never as free). The usage of the affected days is\nrecomputed and re-attributed before the answer. At most\n`aiCost.push.maxEventsPerBatch` events (400 above) and\n`aiCost.push.maxBatchBytes` bytes (413 above). Needs a service\ntoken (external access) or a user with ai-cost.admin.\n",
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                anyOf: [
                  {
                    type: 'object',
                    description: 'The envelope.',
                    additionalProperties: false,
                    required: ['events'],
                    properties: {
                      format: {
                        type: 'string',
                        enum: ['otel', 'litellm'],
                        default: 'otel',
                      },
                      events: {
                        type: 'array',
                        description:
                          'otel: `{ id, timestamp (ISO 8601 or epoch ms), attributes:\n{ "gen_ai.provider.name", "gen_ai.request.model",\n"gen_ai.response.model", "gen_ai.usage.input_tokens",\n"gen_ai.usage.output_tokens",\n"gen_ai.usage.cache_read.input_tokens",\n"gen_ai.usage.cache_creation.input_tokens",\n"gen_ai.usage.reasoning.output_tokens", "user.id", any\nother attribute becomes a tag }, cost?: { amount,\ncurrency } }`. litellm: StandardLoggingPayloads (`id`,\n`startTime` in epoch seconds, `response_cost` in USD,\n`model`, `custom_llm_provider`, `prompt_tokens`,\n`completion_tokens`, `metadata.user_api_key_hash`,\n`metadata.user_api_key_alias`,\n`metadata.user_api_key_team_alias`, `request_tags`,\n...) or LiteLLM_SpendLogs rows (`request_id`,\n`startTime`, `model`, `spend`, `prompt_tokens`,\n`completion_tokens`, `api_key`, `user`, `team_id`,\n`custom_llm_provider`, `metadata`, `request_tags`,\n...). Each event is validated on its own.\n',
                        items: {},
                      },
                    },
                  },
                  {
                    type: 'array',
                    description:
                      "What LiteLLM's generic API callback posts\n(`log_format: json_array`): StandardLoggingPayloads,\nread as a `litellm` batch.\n",
                    items: {
                      type: 'object',
                    },
                  },
                  {
                    type: 'object',
                    description:
                      "One StandardLoggingPayload, as LiteLLM's generic API\ncallback posts it with `log_format: single`.\n",
                    required: ['id'],
                  },
                ],
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'What became of each event.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    sourceId: {
                      type: 'string',
                    },
                    format: {
                      type: 'string',
                      enum: ['otel', 'litellm'],
                    },
                    accepted: {
                      type: 'integer',
                      description: 'Events stored by this request.',
                    },
                    duplicates: {
                      type: 'integer',
                      description:
                        'Events already stored with the same id and content.',
                    },
                    rejected: {
                      type: 'array',
                      description:
                        'Invalid events, and ids already stored with other content.',
                      items: {
                        type: 'object',
                        properties: {
                          index: {
                            type: 'integer',
                          },
                          field: {
                            type: 'string',
                          },
                          message: {
                            type: 'string',
                          },
                        },
                        required: ['index', 'field', 'message'],
                      },
                    },
                    days: {
                      type: 'array',
                      description:
                        'Days of the accepted and duplicate events, re-attributed (usage recomputed where events are new).',
                      items: {
                        type: 'string',
                        format: 'date',
                      },
                    },
                  },
                  required: [
                    'sourceId',
                    'format',
                    'accepted',
                    'duplicates',
                    'rejected',
                    'days',
                  ],
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
    '/import/focus': {
      post: {
        operationId: 'ImportFocus',
        description:
          'Imports a FinOps FOCUS 1.2 CSV export (the body, `text/csv`, may be\n`Content-Encoding: gzip`), streamed. Atomic: a file with any invalid\nvalue imports nothing and the 400 lists every invalid line in\n`error.lines` (`line 17: BilledCost "abc" is not a decimal number`).\nIdempotent per file and row: the same content again changes nothing.\nA `fileId` imported before with other content is refused (409)\nunless `replace=true`, which replaces it (a restated bill). Rows are\nstored under their ProviderName\'s kind (aws, gcp, azure, openai,\nanthropic, else focus) so existing annotations claim them. Only AI\nspend is imported unless `include=all`; the response and the import\nrecord count the rows and money left out, per service. Empty cells\nand unquoted `NULL` are empty. A BillingCurrency other than\naiCost.currency is converted at the row day\'s rate (see\n/exchange-rates; `totals` are in aiCost.currency); a row with no rate\nfor its day refuses the file, naming currency, day and lines. At most\n`aiCost.push.maxImportBytes` bytes (413 above). Needs a service\ntoken or a user with ai-cost.admin.\n',
        parameters: [
          {
            name: 'sourceId',
            in: 'query',
            description: 'Source the file belongs to; default `focus`.',
            schema: {
              type: 'string',
              pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
              default: 'focus',
            },
          },
          {
            name: 'fileId',
            in: 'query',
            description:
              'Identity of the file; default `sha256:<content hash>`.',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 128,
            },
          },
          {
            name: 'replace',
            in: 'query',
            description: 'Replace an earlier file of the same fileId.',
            schema: {
              type: 'string',
              enum: ['true', 'false'],
              default: 'false',
            },
          },
          {
            name: 'include',
            in: 'query',
            description:
              '`ai` (default): import only the rows `aiCost.classification`\ncounts as AI spend (ServiceCategory `AI and Machine Learning`,\nAI services by name, rows naming a model, GPU / accelerator\ncompute) and report the rest in `skipped`; `all`: every row.\n',
            schema: {
              type: 'string',
              enum: ['ai', 'all'],
            },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'text/csv': {
              schema: {
                type: 'string',
                format: 'binary',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The file and its totals.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    sourceId: {
                      type: 'string',
                    },
                    fileId: {
                      type: 'string',
                    },
                    sha256: {
                      type: 'string',
                    },
                    status: {
                      type: 'string',
                      enum: ['imported', 'duplicate', 'replaced'],
                    },
                    rows: {
                      type: 'integer',
                    },
                    rowsImported: {
                      type: 'integer',
                    },
                    currency: {
                      type: 'string',
                    },
                    totals: {
                      type: 'object',
                      properties: {
                        billedCost: {
                          type: 'number',
                        },
                        effectiveCost: {
                          type: 'number',
                        },
                        listCost: {
                          type: 'number',
                        },
                        credits: {
                          type: 'number',
                        },
                      },
                      required: [
                        'billedCost',
                        'effectiveCost',
                        'listCost',
                        'credits',
                      ],
                    },
                    from: {
                      type: ['string', 'null'],
                      format: 'date',
                    },
                    to: {
                      type: ['string', 'null'],
                      format: 'date',
                    },
                    warnings: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          line: {
                            type: 'integer',
                          },
                          message: {
                            type: 'string',
                          },
                        },
                        required: ['line', 'message'],
                      },
                    },
                    warningCount: {
                      type: 'integer',
                    },
                    include: {
                      type: 'string',
                      enum: ['ai', 'all'],
                    },
                    skipped: {
                      type: 'object',
                      description:
                        'Rows not imported because they are not AI spend, in all and per ServiceName.',
                      properties: {
                        rows: {
                          type: 'integer',
                        },
                        billedCost: {
                          type: 'number',
                        },
                        services: {
                          type: 'array',
                          items: {
                            type: 'object',
                            properties: {
                              serviceName: {
                                type: 'string',
                              },
                              rows: {
                                type: 'integer',
                              },
                              billedCost: {
                                type: 'number',
                              },
                            },
                            required: ['serviceName', 'rows', 'billedCost'],
                          },
                        },
                      },
                      required: ['rows', 'billedCost', 'services'],
                    },
                  },
                  required: [
                    'sourceId',
                    'fileId',
                    'sha256',
                    'status',
                    'rows',
                    'rowsImported',
                    'currency',
                    'totals',
                    'from',
                    'to',
                    'warnings',
                    'warningCount',
                    'include',
                    'skipped',
                  ],
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
    '/import/expenses': {
      post: {
        operationId: 'ImportExpenses',
        description:
          "Imports a corporate-card or expense export (`text/csv`, may be\n`Content-Encoding: gzip`) with the columns `date` (YYYY-MM-DD),\n`vendor`, `amount` (decimal, negative for a refund), `currency` (ISO\n4217) and `email` or `userRef` (a User entity ref; wins over `email`\nwhen a line has both), optionally `description` and `costCenter`;\nheader names in any case and order. Lines of AI vendors (a shipped\nlist extended by `aiCost.expenses.aiVendors`, matched by words:\n`OPENAI *CHATGPT SUBSCR` is OpenAI) are stored as usage of provider\n`expense` and attributed to the employee's groups through the\ncatalog (User `spec.profile.email` or ref, `memberOf`); other lines\nare skipped and counted. Atomic: a file with any bad line imports\nnothing and the 400 lists every problem by line and column in\n`error.lines`. The same file again is a duplicate and changes\nnothing. At most `aiCost.push.maxImportBytes` bytes (413 above).\nNeeds a service token or a user with ai-cost.admin; audited\n(`expense-import`).\n",
        parameters: [
          {
            name: 'sourceId',
            in: 'query',
            description: 'Source the file belongs to; default `expenses`.',
            schema: {
              type: 'string',
              pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
              default: 'expenses',
            },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'text/csv': {
              schema: {
                type: 'string',
                format: 'binary',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'What was imported and what was left out.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    sourceId: {
                      type: 'string',
                    },
                    sha256: {
                      type: 'string',
                    },
                    status: {
                      type: 'string',
                      enum: ['imported', 'duplicate'],
                    },
                    rows: {
                      type: 'integer',
                    },
                    rowsImported: {
                      type: 'integer',
                    },
                    skipped: {
                      type: 'object',
                      additionalProperties: false,
                      properties: {
                        notAiVendor: {
                          type: 'integer',
                        },
                      },
                      required: ['notAiVendor'],
                    },
                    from: {
                      type: ['string', 'null'],
                      format: 'date',
                    },
                    to: {
                      type: ['string', 'null'],
                      format: 'date',
                    },
                    total: {
                      type: ['number', 'null'],
                      description:
                        'Sum of the AI-vendor lines as in the file; null when they mix currencies.',
                    },
                    currency: {
                      type: ['string', 'null'],
                    },
                    totals: {
                      type: 'array',
                      items: {
                        type: 'object',
                        additionalProperties: false,
                        properties: {
                          currency: {
                            type: 'string',
                          },
                          total: {
                            type: 'number',
                          },
                        },
                        required: ['currency', 'total'],
                      },
                    },
                  },
                  required: [
                    'sourceId',
                    'sha256',
                    'status',
                    'rows',
                    'rowsImported',
                    'skipped',
                    'from',
                    'to',
                    'total',
                    'currency',
                    'totals',
                  ],
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
    '/shadow-ai': {
      get: {
        operationId: 'GetShadowAi',
        description:
          "Expensed AI spend of the window per vendor, attributed and\nunallocated (employees the catalog does not know), split into\napproved (a catalog entity declares the vendor with\n`ai-cost/vendor`) and shadow AI. `approved + shadow = total`, and\nthe vendors' costs add up to `total`. `firstSeen` is the first day\nthe vendor was ever expensed. Needs ai-cost.org.read.\n",
        parameters: [
          {
            $ref: '#/components/parameters/From',
          },
          {
            $ref: '#/components/parameters/To',
          },
        ],
        responses: {
          '200': {
            description: 'The report.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    currency: {
                      type: 'string',
                    },
                    from: {
                      type: 'string',
                      format: 'date',
                    },
                    to: {
                      type: 'string',
                      format: 'date',
                    },
                    total: {
                      type: 'number',
                    },
                    approved: {
                      type: 'number',
                    },
                    shadow: {
                      type: 'number',
                    },
                    vendors: {
                      type: 'array',
                      items: {
                        type: 'object',
                        additionalProperties: false,
                        properties: {
                          vendor: {
                            type: 'string',
                          },
                          cost: {
                            type: 'number',
                          },
                          unallocated: {
                            type: 'number',
                          },
                          users: {
                            type: 'integer',
                          },
                          groups: {
                            type: 'array',
                            items: {
                              type: 'string',
                            },
                          },
                          approved: {
                            type: 'boolean',
                          },
                          approvedBy: {
                            type: 'array',
                            items: {
                              type: 'string',
                            },
                          },
                          firstSeen: {
                            type: 'string',
                            format: 'date',
                          },
                        },
                        required: [
                          'vendor',
                          'cost',
                          'unallocated',
                          'users',
                          'groups',
                          'approved',
                          'approvedBy',
                          'firstSeen',
                        ],
                      },
                    },
                  },
                  required: [
                    'currency',
                    'from',
                    'to',
                    'total',
                    'approved',
                    'shadow',
                    'vendors',
                  ],
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
    '/import/exchange-rates': {
      post: {
        operationId: 'ImportExchangeRates',
        description:
          'Imports exchange rates into aiCost.currency from a CSV file\n(`text/csv`, may be `Content-Encoding: gzip`) with the header\n`date,currency,rate` in any order: `date` a day `YYYY-MM-DD` or a\nmonth `YYYY-MM`, `currency` an ISO 4217 code other than\naiCost.currency, `rate` a positive decimal, the units of\naiCost.currency one unit of `currency` buys. Atomic: a file with any\nbad line imports nothing and the 400 lists every problem by line in\n`error.lines`. A rate imported again for the same currency and day or\nmonth replaces the earlier one, and an imported rate beats\n`aiCost.exchangeRates` for the same currency and day or month. Rates\napply to usage stored from then on (the next run or import of a\nsource). Needs a service token or a user with ai-cost.admin; audited\n(`exchange-rates-import`).\n',
        requestBody: {
          required: true,
          content: {
            'text/csv': {
              schema: {
                type: 'string',
                format: 'binary',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'What was imported.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    currency: {
                      type: 'string',
                    },
                    imported: {
                      type: 'integer',
                    },
                    currencies: {
                      type: 'array',
                      items: {
                        type: 'string',
                      },
                    },
                    from: {
                      type: 'string',
                    },
                    to: {
                      type: 'string',
                    },
                  },
                  required: [
                    'currency',
                    'imported',
                    'currencies',
                    'from',
                    'to',
                  ],
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
    '/exchange-rates': {
      get: {
        operationId: 'ListExchangeRates',
        description:
          "The known exchange rates into aiCost.currency (`currency` in the\nanswer): configured (`aiCost.exchangeRates`, source `config`) and\nimported (`POST /import/exchange-rates`, source `import`). For the\nsame currency and day or month an imported rate beats a configured\none and only the winner is listed; when converting, a day's rate\nbeats its month's and a rate the bill states beats both. Filtered by\ncurrency and by the days from..to (a month is listed when it\noverlaps them). Needs ai-cost.org.read.\n",
        parameters: [
          {
            name: 'currency',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              pattern: '^[A-Za-z]{3}$',
            },
          },
          {
            name: 'from',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              format: 'date',
            },
          },
          {
            name: 'to',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              format: 'date',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The known rates, by currency then day or month.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    currency: {
                      type: 'string',
                    },
                    rates: {
                      type: 'array',
                      items: {
                        type: 'object',
                        additionalProperties: false,
                        properties: {
                          currency: {
                            type: 'string',
                          },
                          date: {
                            type: 'string',
                            description: 'A day YYYY-MM-DD or a month YYYY-MM.',
                          },
                          rate: {
                            type: 'number',
                          },
                          source: {
                            type: 'string',
                            enum: ['config', 'import'],
                          },
                          importedBy: {
                            type: 'string',
                          },
                          importedAt: {
                            type: 'string',
                            format: 'date-time',
                          },
                        },
                        required: ['currency', 'date', 'rate', 'source'],
                      },
                    },
                  },
                  required: ['currency', 'rates'],
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
    '/recommendations': {
      get: {
        operationId: 'ListRecommendations',
        description:
          'Optimization recommendations with evidence and an estimated monthly\nsaving: of an entity and its descendants the caller can see\n(ai-cost.costs.read), or of the whole organisation, ownerless spend\nincluded, without entityRef (ai-cost.org.read). Largest saving first.\nOne page at a time: follow nextCursor until it is null.\n',
        parameters: [
          {
            $ref: '#/components/parameters/OptionalEntityRef',
          },
          {
            name: 'status',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              enum: ['open', 'dismissed', 'snoozed', 'all'],
              default: 'open',
            },
          },
          {
            $ref: '#/components/parameters/Limit',
          },
          {
            $ref: '#/components/parameters/Cursor',
          },
        ],
        responses: {
          '200': {
            description:
              "One page of recommendations and the sum of the open ones' savings over every page.",
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    currency: {
                      $ref: '#/components/schemas/Currency',
                    },
                    totalEstimatedMonthlySavings: {
                      type: 'number',
                      description:
                        'Sum of estimatedMonthlySavings of the open items of every page.',
                    },
                    nextCursor: {
                      $ref: '#/components/schemas/NextCursor',
                    },
                    items: {
                      type: 'array',
                      items: {
                        type: 'object',
                        additionalProperties: false,
                        properties: {
                          id: {
                            type: 'string',
                          },
                          entityRef: {
                            type: 'string',
                            description:
                              'Empty for org-level items (ownerless spend).',
                          },
                          rule: {
                            type: 'string',
                            enum: [
                              'model-right-sizing',
                              'prompt-caching',
                              'batch-api',
                              'ownerless-spend',
                              'idle-key',
                              'output-length',
                              'idle-seats',
                            ],
                          },
                          title: {
                            type: 'string',
                          },
                          description: {
                            type: 'string',
                          },
                          evidence: {
                            type: 'object',
                            description: 'The numbers that triggered it.',
                            additionalProperties: {
                              type: ['string', 'number'],
                            },
                          },
                          estimatedMonthlySavings: {
                            type: 'number',
                          },
                          window: {
                            type: ['object', 'null'],
                            additionalProperties: false,
                            description:
                              'The days the evidence and figures cover (both inclusive): a fixed window before the evaluation, not the period picked on a page. Null for items stored before windows were recorded.',
                            properties: {
                              from: {
                                type: 'string',
                                format: 'date',
                              },
                              to: {
                                type: 'string',
                                format: 'date',
                              },
                            },
                            required: ['from', 'to'],
                          },
                          currency: {
                            type: 'string',
                          },
                          confidence: {
                            type: 'string',
                            enum: ['low', 'medium', 'high'],
                          },
                          status: {
                            type: 'string',
                            enum: ['open', 'dismissed', 'snoozed'],
                          },
                          snoozedUntil: {
                            type: ['string', 'null'],
                            format: 'date',
                            description:
                              'Last snoozed day; it reopens the day after.',
                          },
                          decidedBy: {
                            type: ['string', 'null'],
                          },
                          decisionReason: {
                            type: ['string', 'null'],
                          },
                          createdAt: {
                            type: 'string',
                            format: 'date-time',
                          },
                          updatedAt: {
                            type: 'string',
                            format: 'date-time',
                          },
                        },
                        required: [
                          'id',
                          'entityRef',
                          'rule',
                          'title',
                          'description',
                          'evidence',
                          'estimatedMonthlySavings',
                          'window',
                          'currency',
                          'confidence',
                          'status',
                          'snoozedUntil',
                          'decidedBy',
                          'decisionReason',
                          'createdAt',
                          'updatedAt',
                        ],
                      },
                    },
                  },
                  required: [
                    'currency',
                    'totalEstimatedMonthlySavings',
                    'items',
                    'nextCursor',
                  ],
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
    '/recommendations/{id}/dismiss': {
      post: {
        operationId: 'DismissRecommendation',
        description:
          'Dismisses a recommendation, saying why. Needs\nai-cost.recommendations.update on its entity, or ai-cost.admin for\norg-level items.\n',
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
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  reason: {
                    type: 'string',
                    minLength: 1,
                    maxLength: 2000,
                  },
                },
                required: ['reason'],
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The recommendation with the decision.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    id: {
                      type: 'string',
                    },
                    entityRef: {
                      type: 'string',
                      description:
                        'Empty for org-level items (ownerless spend).',
                    },
                    rule: {
                      type: 'string',
                      enum: [
                        'model-right-sizing',
                        'prompt-caching',
                        'batch-api',
                        'ownerless-spend',
                        'idle-key',
                        'output-length',
                        'idle-seats',
                      ],
                    },
                    title: {
                      type: 'string',
                    },
                    description: {
                      type: 'string',
                    },
                    evidence: {
                      type: 'object',
                      description: 'The numbers that triggered it.',
                      additionalProperties: {
                        type: ['string', 'number'],
                      },
                    },
                    estimatedMonthlySavings: {
                      type: 'number',
                    },
                    window: {
                      type: ['object', 'null'],
                      additionalProperties: false,
                      description:
                        'The days the evidence and figures cover (both inclusive): a fixed window before the evaluation, not the period picked on a page. Null for items stored before windows were recorded.',
                      properties: {
                        from: {
                          type: 'string',
                          format: 'date',
                        },
                        to: {
                          type: 'string',
                          format: 'date',
                        },
                      },
                      required: ['from', 'to'],
                    },
                    currency: {
                      type: 'string',
                    },
                    confidence: {
                      type: 'string',
                      enum: ['low', 'medium', 'high'],
                    },
                    status: {
                      type: 'string',
                      enum: ['open', 'dismissed', 'snoozed'],
                    },
                    snoozedUntil: {
                      type: ['string', 'null'],
                      format: 'date',
                      description:
                        'Last snoozed day; it reopens the day after.',
                    },
                    decidedBy: {
                      type: ['string', 'null'],
                    },
                    decisionReason: {
                      type: ['string', 'null'],
                    },
                    createdAt: {
                      type: 'string',
                      format: 'date-time',
                    },
                    updatedAt: {
                      type: 'string',
                      format: 'date-time',
                    },
                  },
                  required: [
                    'id',
                    'entityRef',
                    'rule',
                    'title',
                    'description',
                    'evidence',
                    'estimatedMonthlySavings',
                    'window',
                    'currency',
                    'confidence',
                    'status',
                    'snoozedUntil',
                    'decidedBy',
                    'decisionReason',
                    'createdAt',
                    'updatedAt',
                  ],
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
    '/recommendations/{id}/snooze': {
      post: {
        operationId: 'SnoozeRecommendation',
        description:
          'Snoozes a recommendation until a day (YYYY-MM-DD, today or later); it\nreopens the day after. Needs ai-cost.recommendations.update on its\nentity, or ai-cost.admin for org-level items.\n',
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
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  until: {
                    type: 'string',
                    format: 'date',
                    description: 'Last snoozed day, today or later.',
                  },
                  reason: {
                    type: 'string',
                    maxLength: 2000,
                  },
                },
                required: ['until'],
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The recommendation with the decision.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    id: {
                      type: 'string',
                    },
                    entityRef: {
                      type: 'string',
                      description:
                        'Empty for org-level items (ownerless spend).',
                    },
                    rule: {
                      type: 'string',
                      enum: [
                        'model-right-sizing',
                        'prompt-caching',
                        'batch-api',
                        'ownerless-spend',
                        'idle-key',
                        'output-length',
                        'idle-seats',
                      ],
                    },
                    title: {
                      type: 'string',
                    },
                    description: {
                      type: 'string',
                    },
                    evidence: {
                      type: 'object',
                      description: 'The numbers that triggered it.',
                      additionalProperties: {
                        type: ['string', 'number'],
                      },
                    },
                    estimatedMonthlySavings: {
                      type: 'number',
                    },
                    window: {
                      type: ['object', 'null'],
                      additionalProperties: false,
                      description:
                        'The days the evidence and figures cover (both inclusive): a fixed window before the evaluation, not the period picked on a page. Null for items stored before windows were recorded.',
                      properties: {
                        from: {
                          type: 'string',
                          format: 'date',
                        },
                        to: {
                          type: 'string',
                          format: 'date',
                        },
                      },
                      required: ['from', 'to'],
                    },
                    currency: {
                      type: 'string',
                    },
                    confidence: {
                      type: 'string',
                      enum: ['low', 'medium', 'high'],
                    },
                    status: {
                      type: 'string',
                      enum: ['open', 'dismissed', 'snoozed'],
                    },
                    snoozedUntil: {
                      type: ['string', 'null'],
                      format: 'date',
                      description:
                        'Last snoozed day; it reopens the day after.',
                    },
                    decidedBy: {
                      type: ['string', 'null'],
                    },
                    decisionReason: {
                      type: ['string', 'null'],
                    },
                    createdAt: {
                      type: 'string',
                      format: 'date-time',
                    },
                    updatedAt: {
                      type: 'string',
                      format: 'date-time',
                    },
                  },
                  required: [
                    'id',
                    'entityRef',
                    'rule',
                    'title',
                    'description',
                    'evidence',
                    'estimatedMonthlySavings',
                    'window',
                    'currency',
                    'confidence',
                    'status',
                    'snoozedUntil',
                    'decidedBy',
                    'decisionReason',
                    'createdAt',
                    'updatedAt',
                  ],
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
    '/recommendations/{id}/reopen': {
      post: {
        operationId: 'ReopenRecommendation',
        description:
          'Reopens a dismissed or snoozed recommendation. Needs\nai-cost.recommendations.update on its entity, or ai-cost.admin for\norg-level items.\n',
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
          '200': {
            description: 'The recommendation, open again.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    id: {
                      type: 'string',
                    },
                    entityRef: {
                      type: 'string',
                      description:
                        'Empty for org-level items (ownerless spend).',
                    },
                    rule: {
                      type: 'string',
                      enum: [
                        'model-right-sizing',
                        'prompt-caching',
                        'batch-api',
                        'ownerless-spend',
                        'idle-key',
                        'output-length',
                        'idle-seats',
                      ],
                    },
                    title: {
                      type: 'string',
                    },
                    description: {
                      type: 'string',
                    },
                    evidence: {
                      type: 'object',
                      description: 'The numbers that triggered it.',
                      additionalProperties: {
                        type: ['string', 'number'],
                      },
                    },
                    estimatedMonthlySavings: {
                      type: 'number',
                    },
                    window: {
                      type: ['object', 'null'],
                      additionalProperties: false,
                      description:
                        'The days the evidence and figures cover (both inclusive): a fixed window before the evaluation, not the period picked on a page. Null for items stored before windows were recorded.',
                      properties: {
                        from: {
                          type: 'string',
                          format: 'date',
                        },
                        to: {
                          type: 'string',
                          format: 'date',
                        },
                      },
                      required: ['from', 'to'],
                    },
                    currency: {
                      type: 'string',
                    },
                    confidence: {
                      type: 'string',
                      enum: ['low', 'medium', 'high'],
                    },
                    status: {
                      type: 'string',
                      enum: ['open', 'dismissed', 'snoozed'],
                    },
                    snoozedUntil: {
                      type: ['string', 'null'],
                      format: 'date',
                      description:
                        'Last snoozed day; it reopens the day after.',
                    },
                    decidedBy: {
                      type: ['string', 'null'],
                    },
                    decisionReason: {
                      type: ['string', 'null'],
                    },
                    createdAt: {
                      type: 'string',
                      format: 'date-time',
                    },
                    updatedAt: {
                      type: 'string',
                      format: 'date-time',
                    },
                  },
                  required: [
                    'id',
                    'entityRef',
                    'rule',
                    'title',
                    'description',
                    'evidence',
                    'estimatedMonthlySavings',
                    'window',
                    'currency',
                    'confidence',
                    'status',
                    'snoozedUntil',
                    'decidedBy',
                    'decisionReason',
                    'createdAt',
                    'updatedAt',
                  ],
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
