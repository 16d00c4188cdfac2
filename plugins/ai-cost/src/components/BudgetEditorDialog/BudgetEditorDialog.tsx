import { useEffect, useState, type FormEvent } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import {
  DEFAULT_BUDGET_THRESHOLDS,
  type Budget,
  type BudgetPeriod,
} from '@ai-cost/plugin-ai-cost-common';
import { aiCostApiRef } from '../../api';
import { useSpendForecast } from '../../hooks';
import { errorMessage } from '../../utils/errors';
import { formatCurrency } from '../../utils/format';
import { amountWarning } from './budgetPlanning';
import { BudgetPlanning } from './BudgetPlanning';
import { BudgetScopeField, chosenScope, pickedScope } from './BudgetScopeField';
import { parseAmount, parseThresholds, thresholdsToText } from './thresholds';

const useStyles = makeStyles(theme => ({
  fields: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
  warning: {
    color:
      theme.palette.type === 'dark'
        ? theme.palette.warning.light
        : theme.palette.warning.dark,
  },
  actions: { justifyContent: 'space-between', padding: theme.spacing(1, 3, 2) },
}));

/** The budget the dialog starts from. */
export interface BudgetEditorInitial {
  amount: number;
  period: BudgetPeriod;
  thresholds: number[];
  source: 'portal' | 'annotation';
}

/** @public */
export interface BudgetEditorDialogProps {
  open: boolean;
  entityRef: string;
  /** The entity's name for people, in the title. */
  entityName?: string;
  currency: string;
  /** The budget in force, if any; a portal budget can be removed. */
  initial?: BudgetEditorInitial;
  /** The budgets in force scoped to one allocation tag value, e.g. `environment:staging`. */
  scoped?: Array<{ scope: string; initial: BudgetEditorInitial }>;
  onClose(): void;
  /** After a save (with the budget now in force) or a removal (with null). */
  onSaved(budget: Budget | null): void;
}

type Errors = { amount?: string; thresholds?: string; scope?: string };

/**
 * Sets the budget of an entity in the portal (`PUT /budgets`): amount,
 * period and alert thresholds typed as percentages. A budget set in the
 * portal can be removed (`DELETE /budgets`), after which the
 * `ai-cost/monthly-budget` annotation applies again. The budget can be the
 * overall one or one scoped to an allocation tag value (`scope`). Server
 * errors are shown in the dialog.
 * @public
 */
export function BudgetEditorDialog(props: BudgetEditorDialogProps) {
  const { open, entityRef, entityName, currency, initial, onClose, onSaved } =
    props;
  const { scoped = [] } = props;
  const classes = useStyles();
  const api = useApi(aiCostApiRef);
  const [amount, setAmount] = useState('');
  const [period, setPeriod] = useState<BudgetPeriod>('month');
  const [thresholds, setThresholds] = useState('');
  const [scopeChoice, setScopeChoice] = useState('');
  const [typedScope, setTypedScope] = useState('');
  const current =
    scopeChoice === ''
      ? initial
      : scoped.find(s => s.scope === scopeChoice)?.initial;
  const [errors, setErrors] = useState<Errors>({});
  const [serverError, setServerError] = useState<string>();
  const [busy, setBusy] = useState<'save' | 'remove'>();
  const forecast = useSpendForecast({ entityRef, skip: !open });
  const typed = parseAmount(amount);
  // The forecast is the entity's: no measure of a scoped budget.
  const warning =
    'amount' in typed && scopeChoice === ''
      ? amountWarning(
          typed.amount,
          forecast.value?.forecast?.median,
          period,
          value => formatCurrency(value, currency),
        )
      : undefined;

  function fill(from: BudgetEditorInitial | undefined) {
    setAmount(from ? String(from.amount) : '');
    setPeriod(from?.period ?? 'month');
    setThresholds(
      thresholdsToText(from?.thresholds ?? DEFAULT_BUDGET_THRESHOLDS),
    );
  }

  function chooseScope(choice: string) {
    setScopeChoice(choice);
    fill(
      choice === '' ? initial : scoped.find(s => s.scope === choice)?.initial,
    );
    setErrors({});
  }

  useEffect(() => {
    if (!open) return;
    fill(initial);
    setScopeChoice('');
    setTypedScope('');
    setErrors({});
    setServerError(undefined);
    setBusy(undefined);
  }, [open, initial]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const parsedAmount = parseAmount(amount);
    const parsedThresholds = parseThresholds(thresholds);
    const scope = chosenScope(scopeChoice, typedScope);
    const next: Errors = {
      amount: 'error' in parsedAmount ? parsedAmount.error : undefined,
      thresholds:
        'error' in parsedThresholds ? parsedThresholds.error : undefined,
      scope: 'error' in scope ? scope.error : undefined,
    };
    setErrors(next);
    if (
      'error' in parsedAmount ||
      'error' in parsedThresholds ||
      'error' in scope
    ) {
      return;
    }
    setBusy('save');
    setServerError(undefined);
    try {
      const budget = await api.setBudget({
        entityRef,
        scope: scope.scope,
        amount: parsedAmount.amount,
        period,
        thresholds: parsedThresholds.fractions,
      });
      setBusy(undefined);
      onSaved(budget);
    } catch (error) {
      setBusy(undefined);
      setServerError(errorMessage(error));
    }
  }

  async function remove() {
    setBusy('remove');
    setServerError(undefined);
    try {
      await api.deleteBudget({
        entityRef,
        scope: scopeChoice === '' ? undefined : scopeChoice,
      });
      setBusy(undefined);
      onSaved(null);
    } catch (error) {
      setBusy(undefined);
      setServerError(errorMessage(error));
    }
  }

  const titleId = 'ai-cost-budget-editor-title';
  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={save} noValidate>
        <DialogTitle id={titleId}>
          AI budget{entityName ? ` of ${entityName}` : ''}
        </DialogTitle>
        <DialogContent>
          <DialogContentText variant="body2">
            A budget set here overrides the <code>ai-cost/monthly-budget</code>{' '}
            annotation. Owners are notified once per period when spend, or the
            forecast, reaches each threshold.
            {current?.source === 'portal' &&
              ' Removing the portal budget makes the annotation apply again, if the entity has one.'}
          </DialogContentText>
          {serverError && (
            <Alert severity="error" role="alert">
              {serverError}
            </Alert>
          )}
          <BudgetPlanning
            entityRef={entityRef}
            forecast={forecast.value}
            error={forecast.error}
            period={period}
            currency={currency}
            scope={pickedScope(scopeChoice, typedScope)}
            onUse={value => {
              setAmount(String(value));
              setErrors(before => ({ ...before, amount: undefined }));
            }}
          />
          <div className={classes.fields}>
            <BudgetScopeField
              choice={scopeChoice}
              scopes={scoped.map(s => s.scope)}
              typed={typedScope}
              error={errors.scope}
              onChoice={chooseScope}
              onTyped={setTypedScope}
            />
            <TextField
              id="ai-cost-budget-amount"
              label="Budget amount"
              type="number"
              required
              value={amount}
              onChange={e => setAmount(e.target.value)}
              error={Boolean(errors.amount)}
              helperText={
                errors.amount ??
                warning ??
                `Per ${
                  period === 'quarter' ? 'quarter' : 'month'
                }, in ${currency}`
              }
              FormHelperTextProps={{
                className: !errors.amount && warning ? classes.warning : '',
              }}
              inputProps={{ min: 0, step: 'any' }}
              InputProps={{
                startAdornment: (
                  <InputAdornment position="start">{currency}</InputAdornment>
                ),
              }}
            />
            <TextField
              id="ai-cost-budget-period"
              label="Period"
              select
              SelectProps={{ native: true }}
              value={period}
              onChange={e => setPeriod(e.target.value as BudgetPeriod)}
              helperText="Thresholds reset at the start of each period"
            >
              <option value="month">Month</option>
              <option value="quarter">Quarter</option>
            </TextField>
            <TextField
              id="ai-cost-budget-thresholds"
              label="Alert thresholds (%)"
              value={thresholds}
              onChange={e => setThresholds(e.target.value)}
              error={Boolean(errors.thresholds)}
              helperText={
                errors.thresholds ??
                'Percentages of the budget, separated by commas, e.g. 50, 80, 100'
              }
            />
          </div>
        </DialogContent>
        <DialogActions className={classes.actions}>
          <div>
            {current?.source === 'portal' && (
              <Button
                color="secondary"
                onClick={remove}
                disabled={Boolean(busy)}
              >
                {busy === 'remove' ? 'Removing…' : 'Remove portal budget'}
              </Button>
            )}
          </div>
          <div>
            <Button onClick={onClose} disabled={Boolean(busy)}>
              Cancel
            </Button>
            <Button
              type="submit"
              color="primary"
              variant="contained"
              disabled={Boolean(busy)}
            >
              {busy === 'save' ? 'Saving…' : 'Save'}
            </Button>
          </div>
        </DialogActions>
      </form>
    </Dialog>
  );
}
