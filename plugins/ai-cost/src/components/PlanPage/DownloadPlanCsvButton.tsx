import { useApi } from '@backstage/core-plugin-api';
import { aiCostApiRef } from '../../api';
import { DownloadCsvButton } from '../DownloadCsvButton';

/** Downloads the year's plan as CSV with the user's credentials; failures are posted as a toast. */
export function DownloadPlanCsvButton(props: { year: number }) {
  const { year } = props;
  const api = useApi(aiCostApiRef);
  return (
    <DownloadCsvButton
      what="the plan"
      download={() => api.exportPlanCsv(year)}
    />
  );
}
