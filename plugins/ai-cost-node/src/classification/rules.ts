/**
 * What counts as AI spend on a cloud bill (DESIGN §9.3). Every list is
 * matched case-insensitively; `aiCost.classification` adds to the shipped
 * defaults below, it never removes them.
 *
 * @public
 */
export interface ClassificationRules {
  /** Providers whose whole bill is AI spend (model vendors), matched as words within ProviderName. */
  providerNames: string[];
  /** FOCUS ServiceCategory values that are AI spend, matched whole. */
  serviceCategories: string[];
  /** Service names that are AI spend, matched as words within ServiceName. */
  serviceNames: string[];
  /** Model names in the SKU, meter or charge description of a row. */
  modelPatterns: RegExp[];
  /** Tag keys whose value names a model. */
  modelTagKeys: string[];
  /** GPU and accelerator compute: instance families, VM sizes, SKUs. */
  acceleratorPatterns: RegExp[];
}

/** The rules shipped with the plugin. @public */
export const DEFAULT_CLASSIFICATION_RULES: ClassificationRules = {
  providerNames: [
    'OpenAI',
    'Anthropic',
    'Mistral AI',
    'Cohere',
    'xAI',
    'DeepSeek',
    'Perplexity',
  ],
  serviceCategories: ['AI and Machine Learning'],
  serviceNames: [
    // AWS
    'Amazon Bedrock',
    'Bedrock',
    'Amazon SageMaker',
    'SageMaker',
    'Amazon Q',
    'Amazon Comprehend',
    'Amazon Rekognition',
    'Amazon Textract',
    'Amazon Transcribe',
    'Amazon Translate',
    'Amazon Polly',
    'Amazon Lex',
    'Amazon Kendra',
    // Azure
    'Azure OpenAI',
    'Azure AI Foundry',
    'Azure AI Services',
    'Azure AI Studio',
    'Cognitive Services',
    'Azure Machine Learning',
    // Google Cloud
    'Vertex AI',
    'Gemini API',
    'Gemini',
    'Generative Language API',
    'Cloud TPU',
    'Document AI',
    'Dialogflow',
    'AI Platform',
    // Model vendors and others
    'OpenAI',
    'Anthropic',
    'Claude',
    'Mistral AI',
    'Cohere',
    'watsonx',
    'Generative AI',
  ],
  modelPatterns: [
    /\bgpt-?\d/i,
    /\bchatgpt\b/i,
    /\bclaude/i,
    /\bgemini/i,
    /\bllama\s?-?\d/i,
    /\b(mistral|mixtral|codestral|ministral)\b/i,
    /\btitan\b/i,
    /\bcommand[- ]r\b/i,
    /\bjamba\b/i,
    /\bamazon nova\b|\bnova[- ](micro|lite|pro|premier|canvas|reel|sonic)\b/i,
    /\bdeepseek\b/i,
    /\bgrok\b/i,
    /\bdall-?e\b/i,
    /\bwhisper\b/i,
    /\btext-embedding\b|\bembed-(english|multilingual|v\d)/i,
    /\bimagen\b/i,
  ],
  modelTagKeys: [
    'model',
    'model_id',
    'modelid',
    'model-name',
    'ai-model',
    'gen_ai.request.model',
    'gen_ai.response.model',
  ],
  acceleratorPatterns: [
    // AWS GPU / Trainium / Inferentia instance families (EC2 and SageMaker `ml.` sizes)
    /\b(p[2-6][a-z0-9-]*|g[3-6][a-z0-9-]*|gr6|trn[12][a-z0-9]*|inf[12]|dl[12][a-z0-9]*)\.(\d*x?large|medium|metal[\w-]*)\b/i,
    // Azure N-series GPU VM sizes: NC, ND, NG, NV
    /(?<![A-Za-z0-9])N[CDGV]\d+[a-z]*/,
    // GPU / TPU SKUs (Google Cloud, Azure meters, ...)
    /\b[gt]pus?\b/i,
    /\bnvidia\b/i,
    /\b(a100|h100|h200|b200|gb200|v100|l40s?|mi300x?)\b/i,
    // Google Cloud accelerator-optimized machine types
    /\b(a2|a3|a4|g2)-(highgpu|megagpu|ultragpu|edgegpu|standard)/i,
  ],
};
