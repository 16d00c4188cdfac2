import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_CLASSIFICATION_RULES,
  type ClassificationRules,
} from './rules';

const KEY = 'aiCost.classification';

function patterns(config: Config, key: string): RegExp[] {
  return (config.getOptionalStringArray(key) ?? []).map((source, i) => {
    try {
      return new RegExp(source, 'i');
    } catch (error) {
      throw new InputError(
        `${KEY}.${key}[${i}]: ${JSON.stringify(
          source,
        )} is not a valid regular expression: ${(error as Error).message}`,
      );
    }
  });
}

/**
 * The classification rules: the shipped defaults extended by
 * `aiCost.classification` (`providerNames`, `serviceCategories`, `serviceNames`,
 * `modelTagKeys`: strings; `modelPatterns`, `acceleratorPatterns`:
 * case-insensitive regular expressions). An invalid pattern fails naming
 * its key.
 *
 * @public
 */
export function readClassificationRules(root: Config): ClassificationRules {
  const config = root.getOptionalConfig(KEY);
  if (!config) return DEFAULT_CLASSIFICATION_RULES;
  const strings = (key: string) => config.getOptionalStringArray(key) ?? [];
  const d = DEFAULT_CLASSIFICATION_RULES;
  return {
    providerNames: [...d.providerNames, ...strings('providerNames')],
    serviceCategories: [
      ...d.serviceCategories,
      ...strings('serviceCategories'),
    ],
    serviceNames: [...d.serviceNames, ...strings('serviceNames')],
    modelPatterns: [...d.modelPatterns, ...patterns(config, 'modelPatterns')],
    modelTagKeys: [...d.modelTagKeys, ...strings('modelTagKeys')],
    acceleratorPatterns: [
      ...d.acceleratorPatterns,
      ...patterns(config, 'acceleratorPatterns'),
    ],
  };
}

/**
 * A short fingerprint of a set of rules: an import records the rules its
 * rows were selected by, so the same file selected otherwise is not a
 * duplicate.
 *
 * @public
 */
export function rulesFingerprint(rules: ClassificationRules): string {
  const text = JSON.stringify({
    providerNames: rules.providerNames,
    serviceCategories: rules.serviceCategories,
    serviceNames: rules.serviceNames,
    modelPatterns: rules.modelPatterns.map(p => `${p.source}/${p.flags}`),
    modelTagKeys: rules.modelTagKeys,
    acceleratorPatterns: rules.acceleratorPatterns.map(
      p => `${p.source}/${p.flags}`,
    ),
  });
  // FNV-1a, 32 bits: enough to tell rule sets apart, no crypto needed.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
