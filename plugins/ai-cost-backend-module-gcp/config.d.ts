export interface Config {
  aiCost?: {
    providers?: {
      /**
       * GCP billing sources: Vertex AI and Gemini spend from the Cloud
       * Billing export to BigQuery (standard or detailed usage cost data).
       */
      gcp?: Array<{
        /** Source id, unique across all providers, e.g. `gcp-billing`. */
        id: string;
        /**
         * The export table, written as `project.dataset.table`, e.g.
         * `my-billing-project.billing_export.gcp_billing_export_resource_v1_012345_6789AB_CDEF01`.
         */
        billingExportTable: string;
        /** Project that runs (and pays for) the query. Default: the table's project. */
        projectId?: string;
        /** Location of the export dataset, e.g. `US`, `EU`, `europe-west1`. */
        location?: string;
        /**
         * `service.description` values to read.
         * Default: `Vertex AI` and `Gemini API`.
         */
        services?: string[];
        /** Fail a query that would bill more bytes than this. */
        maximumBytesBilled?: number;
        /**
         * Also read GPU compute (self-hosted AI): `Compute Engine` and
         * `Cloud TPU` rows whose SKU description is a GPU or TPU by the
         * `acceleratorPatterns` of `aiCost.classification` (e.g. "Nvidia
         * Tesla A100 GPU running in Americas"), in the same query. They
         * count as "Self-hosted GPU". Default false.
         * @visibility backend
         */
        gpuCompute?: boolean;
      }>;
    };
  };
}
