import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { aiCostApiRef, type ExportCsvRequest } from '../api';
import { saveBlob } from '../utils/download';
import { errorMessage } from '../utils/errors';

/**
 * Downloads a CSV export with the user's credentials and saves it; failures
 * are posted to the alert API.
 */
export function useCsvExport(request: ExportCsvRequest) {
  const api = useApi(aiCostApiRef);
  const alertApi = useApi(alertApiRef);
  const { entityRef, from, to } = request;
  const [state, run] = useAsyncFn(async () => {
    try {
      const { blob, filename } = await api.exportCsv({ entityRef, from, to });
      saveBlob(blob, filename);
    } catch (error) {
      alertApi.post({
        message: `Could not export the CSV: ${errorMessage(error)}`,
        severity: 'error',
      });
    }
  }, [api, alertApi, entityRef, from, to]);
  return { exporting: state.loading, exportCsv: run };
}
