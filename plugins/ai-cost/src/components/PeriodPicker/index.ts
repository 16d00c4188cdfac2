export { PeriodPicker, type PeriodPickerProps } from './PeriodPicker';
export { InvalidPeriodNotice } from './InvalidPeriodNotice';
