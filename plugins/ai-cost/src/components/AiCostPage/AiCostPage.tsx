import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { aiCostApiRef } from '../../api';
import { SourcesTable } from '../SourcesTable';

/** The org-wide AI Cost page at `/ai-cost`. @public */
export function AiCostPage() {
  const api = useApi(aiCostApiRef);
  const { value, loading, error } = useAsync(() => api.listSources(), [api]);
  return (
    <Page themeId="tool">
      <Header
        title="AI Cost"
        subtitle="AI spend across the organization, attributed to the catalog"
      />
      <Content>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && <SourcesTable sources={value} />}
      </Content>
    </Page>
  );
}
