export {
  BudgetEditorDialog,
  type BudgetEditorDialogProps,
  type BudgetEditorInitial,
} from './BudgetEditorDialog';
export { parseAmount, parseThresholds, thresholdsToText } from './thresholds';
