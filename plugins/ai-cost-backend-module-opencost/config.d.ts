export interface Config {
  aiCost?: {
    providers?: {
      /**
       * OpenCost (or Kubecost) installations whose allocation API reports the
       * daily cost of Kubernetes workloads, stored as provider `kubernetes`.
       */
      opencost?: Array<{
        /** Source id, unique across all providers, e.g. `opencost-prod`. */
        id: string;
        /**
         * The OpenCost API, e.g. `http://opencost.opencost:9003`; for
         * Kubecost `http://kubecost-cost-analyzer.kubecost:9090/model`.
         */
        baseUrl: string;
        /**
         * `gpu` (default): only the GPU cost of each workload, the part that is
         * AI spend; `all`: each workload's total cost.
         */
        include?: 'gpu' | 'all';
        /**
         * Path of the allocation API under `baseUrl`.
         * @default /allocation/compute
         */
        allocationPath?: string;
        /**
         * Sent as `Authorization: Bearer <token>` when the API sits behind an
         * authenticating proxy or ingress.
         * @visibility secret
         */
        token?: string;
        /**
         * Days of data OpenCost's Prometheus keeps. Runs read at most this far
         * back, so days OpenCost has forgotten keep what was read while it
         * still knew them.
         * @default 14
         */
        retentionDays?: number;
      }>;
    };
  };
}
