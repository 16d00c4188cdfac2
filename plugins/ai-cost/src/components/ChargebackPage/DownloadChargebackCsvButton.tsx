import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { aiCostApiRef } from '../../api';
import { useNotify } from '../../hooks';
import { saveBlob } from '../../utils/download';
import { errorMessage } from '../../utils/errors';

/** @public */
export interface DownloadChargebackCsvButtonProps {
  month: string;
}

/**
 * Downloads the month's statement as CSV with the user's credentials;
 * failures are posted as a toast.
 * @public
 */
export function DownloadChargebackCsvButton(
  props: DownloadChargebackCsvButtonProps,
) {
  const { month } = props;
  const api = useApi(aiCostApiRef);
  const notify = useNotify();
  const [state, download] = useAsyncFn(async () => {
    try {
      const { blob, filename } = await api.exportChargebackCsv(month);
      saveBlob(blob, filename);
    } catch (error) {
      notify({
        message: `Could not download the statement: ${errorMessage(error)}`,
        status: 'danger',
      });
    }
  }, [api, notify, month]);
  return (
    <Button
      variant="outlined"
      color="primary"
      startIcon={<GetAppIcon />}
      onClick={() => download()}
      disabled={state.loading}
      aria-busy={state.loading}
    >
      {state.loading ? 'Downloading…' : 'Download CSV'}
    </Button>
  );
}
