import { useApi } from '@backstage/core-plugin-api';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { aiCostApiRef, type ExportCsvRequest } from '../api';
import { saveBlob } from '../utils/download';
import { errorMessage } from '../utils/errors';
import { useNotify } from './useNotify';

/**
 * Downloads a CSV export with the user's credentials and saves it; failures
 * are posted as a toast.
 */
export function useCsvExport(request: ExportCsvRequest) {
  const api = useApi(aiCostApiRef);
  const notify = useNotify();
  const { entityRef, from, to } = request;
  const [state, run] = useAsyncFn(async () => {
    try {
      const { blob, filename } = await api.exportCsv({ entityRef, from, to });
      saveBlob(blob, filename);
    } catch (error) {
      notify({
        message: `Could not export the CSV: ${errorMessage(error)}`,
        status: 'danger',
      });
    }
  }, [api, notify, entityRef, from, to]);
  return { exporting: state.loading, exportCsv: run };
}
