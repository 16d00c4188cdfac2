import TextField from '@material-ui/core/TextField';
import {
  formatBudgetScope,
  parseBudgetScope,
} from '@ai-cost/plugin-ai-cost-common';
import { scopeLabel } from '../BudgetStatusCard/budgetText';

/** The choice of a scope not budgeted yet, typed in a text field. */
export const NEW_SCOPE = 'new';

/**
 * The scope a choice saves: undefined for the overall budget (`''`), the
 * scope of an existing budget, or the typed one: a bare value is an
 * environment (`staging`), else `<tag>:<value>`.
 */
export function chosenScope(
  choice: string,
  typed: string,
): { scope?: string } | { error: string } {
  if (choice === '') return {};
  if (choice !== NEW_SCOPE) return { scope: choice };
  const parsed = parseBudgetScope(typed, { allowBare: true });
  return parsed
    ? { scope: formatBudgetScope(parsed) }
    : { error: 'Type an environment such as staging, or <tag>:<value>' };
}

/** The scope picked as words: none for the overall budget, `the new scope` until one is typed. */
export function pickedScope(choice: string, typed: string): string | undefined {
  if (choice === '') return undefined;
  const scope = chosenScope(choice, typed);
  return 'scope' in scope && scope.scope ? scope.scope : 'the new scope';
}

/** @public */
export interface BudgetScopeFieldProps {
  /** `''` for the overall budget, a scope, or {@link NEW_SCOPE}. */
  choice: string;
  /** Scopes with a budget already. */
  scopes: string[];
  typed: string;
  error?: string;
  onChoice(choice: string): void;
  onTyped(typed: string): void;
}

/**
 * Which budget the editor sets: the overall one, one of the scoped budgets,
 * or one for another allocation tag value typed in.
 */
export function BudgetScopeField(props: BudgetScopeFieldProps) {
  const { choice, scopes, typed, error, onChoice, onTyped } = props;
  return (
    <>
      <TextField
        id="ai-cost-budget-scope"
        label="Budget for"
        select
        SelectProps={{ native: true }}
        value={choice}
        onChange={e => onChoice(e.target.value)}
        helperText="All spend, or the spend of one environment or other allocation tag value"
      >
        <option value="">Overall</option>
        {scopes.map(scope => (
          <option key={scope} value={scope}>
            {scopeLabel(scope)}
          </option>
        ))}
        <option value={NEW_SCOPE}>Another tag value…</option>
      </TextField>
      {choice === NEW_SCOPE && (
        <TextField
          id="ai-cost-budget-new-scope"
          label="Tag value"
          required
          value={typed}
          onChange={e => onTyped(e.target.value)}
          error={Boolean(error)}
          helperText={
            error ??
            'An environment such as staging, or <tag>:<value> such as customer:acme'
          }
        />
      )}
    </>
  );
}
