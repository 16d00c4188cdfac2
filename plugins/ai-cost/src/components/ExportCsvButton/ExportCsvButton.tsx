import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useCsvExport } from '../../hooks';

/** @public */
export interface ExportCsvButtonProps {
  /** The entity to export; omit for an org-wide export (needs `ai-cost.org.read`). */
  entityRef?: string;
  from: string;
  to: string;
}

/**
 * Downloads the showback CSV of the window with the user's credentials.
 * @public
 */
export function ExportCsvButton(props: ExportCsvButtonProps) {
  const { exporting, exportCsv } = useCsvExport(props);
  return (
    <Button
      variant="outlined"
      color="primary"
      startIcon={<GetAppIcon />}
      onClick={() => exportCsv()}
      disabled={exporting}
      aria-busy={exporting}
    >
      {exporting ? 'Exporting…' : 'Export CSV'}
    </Button>
  );
}
