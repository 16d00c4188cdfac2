import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import type { CsvExport } from '../../api';
import { useNotify } from '../../hooks';
import { saveBlob } from '../../utils/download';
import { errorMessage } from '../../utils/errors';

/**
 * A "Download CSV" button for a file the API serves with the user's
 * credentials (a chargeback statement, a plan); a failure is posted as a
 * toast naming `what` ("the statement").
 */
export function DownloadCsvButton(props: {
  what: string;
  download: () => Promise<CsvExport>;
}) {
  const { what, download } = props;
  const notify = useNotify();
  const [state, run] = useAsyncFn(async () => {
    try {
      const { blob, filename } = await download();
      saveBlob(blob, filename);
    } catch (error) {
      notify({
        message: `Could not download ${what}: ${errorMessage(error)}`,
        status: 'danger',
      });
    }
  }, [download, notify, what]);
  return (
    <Button
      variant="outlined"
      color="primary"
      startIcon={<GetAppIcon />}
      onClick={() => run()}
      disabled={state.loading}
      aria-busy={state.loading}
    >
      {state.loading ? 'Downloading…' : 'Download CSV'}
    </Button>
  );
}
