import { useApi } from '@backstage/core-plugin-api';
import { aiCostApiRef } from '../../api';
import { DownloadCsvButton } from '../DownloadCsvButton';

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
  return (
    <DownloadCsvButton
      what="the statement"
      download={() => api.exportChargebackCsv(month)}
    />
  );
}
