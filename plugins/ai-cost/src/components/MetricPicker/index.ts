export { MetricPicker, type MetricPickerProps } from './MetricPicker';
