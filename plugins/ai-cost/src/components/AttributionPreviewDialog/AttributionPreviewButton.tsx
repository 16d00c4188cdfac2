import { useState } from 'react';
import Button from '@material-ui/core/Button';
import { AttributionPreviewDialog } from './AttributionPreviewDialog';

/** @public */
export interface AttributionPreviewButtonProps {
  /** Default: "Check a catalog-info.yaml". */
  label?: string;
  /** The YAML the dialog starts with. */
  initialYaml?: string;
}

/** A button opening the "Check a catalog-info.yaml" dialog. @public */
export function AttributionPreviewButton(props: AttributionPreviewButtonProps) {
  const { label = 'Check a catalog-info.yaml', initialYaml } = props;
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="outlined" color="primary" onClick={() => setOpen(true)}>
        {label}
      </Button>
      {open && (
        <AttributionPreviewDialog
          open
          onClose={() => setOpen(false)}
          initialYaml={initialYaml}
        />
      )}
    </>
  );
}
