export interface Config {
  aiCost?: {
    providers?: {
      /**
       * AWS billing sources: Amazon Bedrock spend (including third-party
       * models sold through AWS Marketplace) from Cost Explorer. Credentials
       * come from the `aws` integration config (`aws.mainAccount`,
       * `aws.accounts`) through `@backstage/integration-aws-node`.
       */
      aws?: Array<{
        /** Source id, unique across all providers, e.g. `aws-main`. */
        id: string;
        /**
         * Region of the Cost Explorer endpoint: `us-east-1`
         * (`cn-northwest-1` for the China partition).
         */
        region: string;
        /**
         * The AWS account whose credentials are used, as configured under
         * `aws.accounts` (typically the management/payer account, so every
         * linked account is visible). Default: `aws.mainAccount`.
         */
        accountId?: string;
        /**
         * Cost metric: UnblendedCost (default), AmortizedCost,
         * NetUnblendedCost, NetAmortizedCost or BlendedCost.
         */
        metric?: string;
        /**
         * Group by this activated cost allocation tag instead of by linked
         * account (records then carry `tags: { <tagKey>: value }` and no
         * account id).
         */
        tagKey?: string;
        /**
         * SERVICE values to read. Default: every service whose name
         * contains "Bedrock", discovered on each run.
         */
        services?: string[];
        /**
         * Tokens per unit of UsageQuantity for token usage types.
         * @default 1000
         */
        tokensPerUsageUnit?: number;
        /**
         * Also read GPU compute (self-hosted AI): one more Cost Explorer
         * query per run for `Amazon Elastic Compute Cloud - Compute` and
         * `Amazon SageMaker` by instance type, keeping the instance types
         * the `acceleratorPatterns` of `aiCost.classification` match (p, g,
         * trn, inf and dl families, SageMaker `ml.` sizes). They count as
         * "Self-hosted GPU". Default false.
         * @visibility backend
         */
        gpuCompute?: boolean;
        /** Cost Explorer endpoint override, for a proxy or a test double. */
        baseUrl?: string;
      }>;
    };
  };
}
