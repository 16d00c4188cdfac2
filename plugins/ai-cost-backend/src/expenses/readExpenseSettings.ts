import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { AiVendorSetting } from './aiVendors';

const KEY = 'aiCost.expenses.aiVendors';

/** `aiCost.expenses`: what expense imports count as AI spend. */
export interface ExpenseSettings {
  /** Added to the shipped AI vendor list (see `aiVendors.ts`). */
  aiVendors: AiVendorSetting[];
}

/**
 * Reads `aiCost.expenses.aiVendors`: each item a vendor name (`Tabnine`) or
 * `{ vendor, aliases }`. A bad item fails start-up naming its key.
 */
export function readExpenseSettings(config: Config): ExpenseSettings {
  if (!config.has(KEY)) return { aiVendors: [] };
  const items = config.get(KEY);
  if (!Array.isArray(items)) {
    throw new InputError(
      `${KEY}: expected a list of vendor names or { vendor, aliases }`,
    );
  }
  const aiVendors = items.map((item, i): AiVendorSetting => {
    const at = `${KEY}[${i}]`;
    if (typeof item === 'string' && item.trim()) return item.trim();
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const { vendor, aliases } = item as Record<string, unknown>;
      if (typeof vendor !== 'string' || !vendor.trim()) {
        throw new InputError(`${at}.vendor: expected a vendor name`);
      }
      if (
        aliases !== undefined &&
        (!Array.isArray(aliases) ||
          aliases.some(a => typeof a !== 'string' || !a.trim()))
      ) {
        throw new InputError(`${at}.aliases: expected a list of names`);
      }
      return {
        vendor: vendor.trim(),
        aliases: ((aliases as string[] | undefined) ?? []).map(a => a.trim()),
      };
    }
    throw new InputError(
      `${at}: expected a vendor name or { vendor, aliases }, got ${JSON.stringify(
        item,
      )}`,
    );
  });
  return { aiVendors };
}
