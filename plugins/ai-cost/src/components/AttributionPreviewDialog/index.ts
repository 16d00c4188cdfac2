export {
  AttributionPreviewDialog,
  type AttributionPreviewDialogProps,
} from './AttributionPreviewDialog';
export {
  AttributionPreviewButton,
  type AttributionPreviewButtonProps,
} from './AttributionPreviewButton';
export {
  AttributionPreviewResult,
  type AttributionPreviewResultProps,
} from './AttributionPreviewResult';
