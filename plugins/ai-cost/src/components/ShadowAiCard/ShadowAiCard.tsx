import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { CodeSnippet, InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_VENDOR,
  type ShadowAiResponse,
  type ShadowAiVendor,
} from '@ai-cost/plugin-ai-cost-common';
import { aiCostApiRef, type CostWindow } from '../../api';
import {
  formatCurrency,
  formatDay,
  formatInteger,
  formatShare,
} from '../../utils/format';
import { useScrollCueStyles } from '../../utils/scrollCue';
import { CardError } from '../CardError';
import { shownShadowAi } from './shadowAiRows';

const useStyles = makeStyles(theme => ({
  headline: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(1, 3),
    marginBottom: theme.spacing(2),
  },
  money: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  bar: {
    display: 'flex',
    height: theme.spacing(1.5),
    borderRadius: theme.shape.borderRadius,
    overflow: 'hidden',
    backgroundColor: theme.palette.action.hover,
    marginBottom: theme.spacing(2),
  },
  approved: { backgroundColor: theme.palette.success.main },
  shadow: { backgroundColor: theme.palette.warning.main },
  vendor: { minWidth: 140, fontWeight: 500 },
  groups: { minWidth: 200 },
  chipApproved: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  chipShadow: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  nowrap: { whiteSpace: 'nowrap' },
}));

/** An expense export as `POST /import/expenses` reads it. */
export const EXAMPLE_EXPENSE_CSV = `date,vendor,amount,currency,email,description,costCenter
2026-11-02,OPENAI *CHATGPT SUBSCR,20.00,USD,jane@example.com,ChatGPT Plus,CC-100
2026-11-03,MIDJOURNEY INC.,30.00,USD,bob@example.com,,CC-200`;

/** A catalog entity that approves vendors. */
export const EXAMPLE_APPROVAL = `apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: chatgpt-enterprise
  annotations:
    ${ANNOTATION_VENDOR}: OpenAI
spec:
  type: ai-tool
  owner: group:default/it`;

function HowTo() {
  return (
    <>
      <Typography variant="body2" paragraph>
        No AI tools were expensed in this period. Import corporate-card or
        expense exports with <code>POST /api/ai-cost/import/expenses</code> (a
        service token or an admin): a CSV with the columns{' '}
        <code>date, vendor, amount, currency</code> and <code>email</code> or{' '}
        <code>userRef</code>, optionally <code>description</code> and{' '}
        <code>costCenter</code>. Lines from AI vendors are attributed to the
        employee&apos;s groups in the catalog; the others are skipped.
      </Typography>
      <CodeSnippet language="text" text={EXAMPLE_EXPENSE_CSV} />
      <Typography variant="body2" paragraph style={{ marginTop: 16 }}>
        A vendor is approved when a catalog entity declares it with the{' '}
        <code>{ANNOTATION_VENDOR}</code> annotation; spend with any other AI
        vendor is shadow AI.
      </Typography>
      <CodeSnippet language="yaml" text={EXAMPLE_APPROVAL} showCopyCodeButton />
    </>
  );
}

function StatusChip(props: { vendor: ShadowAiVendor }) {
  const { vendor } = props;
  const classes = useStyles();
  return vendor.approved ? (
    <Chip
      size="small"
      label="Approved"
      className={classes.chipApproved}
      title={`Approved by ${vendor.approvedBy.join(', ')}`}
    />
  ) : (
    <Chip size="small" label="Shadow" className={classes.chipShadow} />
  );
}

function Report(props: { report: ShadowAiResponse }) {
  const { report } = props;
  const classes = useStyles();
  const scroll = useScrollCueStyles();
  const shown = shownShadowAi(report);
  const money = (value: number) => formatCurrency(value, report.currency);
  return (
    <>
      <div className={classes.headline}>
        <Typography variant="h4" component="p" className={classes.money}>
          {money(shown.total)}
        </Typography>
        <Typography variant="body1" data-testid="shadow-ai-approved">
          Approved{' '}
          <span className={classes.money}>{money(shown.approved)}</span> (
          {formatShare(shown.approvedShare)})
        </Typography>
        <Typography variant="body1" data-testid="shadow-ai-shadow">
          Shadow AI <span className={classes.money}>{money(shown.shadow)}</span>{' '}
          ({formatShare(shown.shadowShare)})
        </Typography>
      </div>
      <Box className={classes.bar} aria-hidden="true">
        {shown.approvedShare > 0 && (
          <span
            className={classes.approved}
            style={{ width: `${shown.approvedShare * 100}%` }}
          />
        )}
        {shown.shadowShare > 0 && (
          <span
            className={classes.shadow}
            style={{ width: `${shown.shadowShare * 100}%` }}
          />
        )}
      </Box>
      {/* Focusable, so that keyboard users can scroll it sideways. */}
      <Box
        className={scroll.scroll}
        role="region"
        aria-label="Expensed AI vendors, scrolls sideways"
        tabIndex={0}
      >
        <Table size="small" aria-label="Expensed AI vendors">
          <TableHead>
            <TableRow>
              <TableCell>Vendor</TableCell>
              <TableCell>Status</TableCell>
              <TableCell align="right">Cost</TableCell>
              <TableCell align="right">Users</TableCell>
              <TableCell>Groups</TableCell>
              <TableCell>First seen</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {report.vendors.map((vendor, i) => (
              <TableRow key={vendor.vendor}>
                <TableCell className={classes.vendor}>
                  {vendor.vendor}
                </TableCell>
                <TableCell>
                  <StatusChip vendor={vendor} />
                </TableCell>
                <TableCell align="right" className={classes.money}>
                  {money(shown.vendorCosts[i])}
                </TableCell>
                <TableCell align="right">
                  {formatInteger(vendor.users)}
                </TableCell>
                <TableCell className={classes.groups}>
                  {vendor.groups.map((ref, j) => (
                    <span key={ref} className={classes.nowrap}>
                      {j > 0 && ', '}
                      <EntityRefLink entityRef={ref} />
                    </span>
                  ))}
                  {vendor.unallocated !== 0 && (
                    <Typography
                      variant="caption"
                      component="div"
                      color="textSecondary"
                    >
                      <span className={classes.money}>
                        {money(vendor.unallocated)}
                      </span>{' '}
                      by employees the catalog does not know
                    </Typography>
                  )}
                </TableCell>
                <TableCell className={classes.nowrap}>
                  {formatDay(vendor.firstSeen, { withYear: true })}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </>
  );
}

export interface ShadowAiCardProps {
  window: CostWindow;
}

/**
 * Expensed AI tools of the period (DESIGN §9.3): the share of spend with
 * approved vendors (declared in the catalog with `ai-cost/vendor`) against
 * shadow AI, and per vendor its cost, users, the groups it was attributed
 * to and when it was first expensed. Amounts add up to the total as shown.
 */
export function ShadowAiCard(props: ShadowAiCardProps) {
  const { window } = props;
  const api = useApi(aiCostApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getShadowAi({ from: window.from, to: window.to }),
    [api, window.from, window.to],
  );
  let body = null;
  if (loading) {
    body = <Progress aria-label="Loading expensed AI tools" />;
  } else if (error) {
    body = <CardError what="expensed AI tools" error={error} onRetry={retry} />;
  } else if (value && value.vendors.length === 0) {
    body = <HowTo />;
  } else if (value) {
    body = <Report report={value} />;
  }
  return (
    <InfoCard
      title="Shadow AI"
      subheader={`Expensed AI tools, ${formatDay(window.from)} – ${formatDay(
        window.to,
        { withYear: true },
      )}: approved vendors against shadow AI`}
    >
      {body}
    </InfoCard>
  );
}
