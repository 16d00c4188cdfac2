import type { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** `aiCost.digests`: which digests go out on a schedule, and to whom the leadership report. */
export interface DigestSettings {
  /** Weekly digests to every owner with spend, on Mondays. */
  weekly: boolean;
  /** Monthly digests to every owner with spend, on the 1st. */
  monthly: boolean;
  /** Groups that receive the monthly leadership report on the 1st, as lower-case refs. */
  leadership: string[];
}

export function readDigestSettings(config: Config): DigestSettings {
  const key = 'aiCost.digests';
  const leadership = (
    config.getOptionalStringArray(`${key}.leadership`) ?? []
  ).map((ref, i) => {
    let parsed;
    try {
      parsed = parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
    } catch {
      parsed = undefined;
    }
    if (parsed?.kind.toLocaleLowerCase('en-US') !== 'group') {
      throw new Error(
        `${key}.leadership[${i}] must be a group ref such as group:default/leadership, got ${JSON.stringify(
          ref,
        )}`,
      );
    }
    return stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
  });
  return {
    weekly: config.getOptionalBoolean(`${key}.weekly`) ?? false,
    monthly: config.getOptionalBoolean(`${key}.monthly`) ?? false,
    leadership,
  };
}
