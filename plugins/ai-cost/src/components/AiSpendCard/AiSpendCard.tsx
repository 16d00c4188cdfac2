import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme, type Theme } from '@material-ui/core/styles';
import { InfoCard, Progress } from '@backstage/core-components';
import {
  AI_SPEND_CATEGORY_LABELS,
  aiSpendCategories,
  type AiSpendCategory,
  type RollupResponse,
} from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency, formatDay, formatShare } from '../../utils/format';
import { historyGap } from '../../utils/history';
import { roundPartsToTotal, roundSharesToWhole } from '../../utils/roundParts';
import { useScrollCueStyles } from '../../utils/scrollCue';
import { CardError } from '../CardError';
import { ChangeIndicator } from '../ChangeIndicator';

/** Where spend of a category comes from when there is none yet. */
export const CATEGORY_SOURCES: Record<AiSpendCategory, string> = {
  'model-api': 'OpenAI and Anthropic sources, gateway events',
  'cloud-ai': 'AWS, Google Cloud and Azure sources, FOCUS imports',
  'self-hosted': 'an OpenCost source, GPU lines of cloud bills',
  subscription: 'subscriptions added on the Subscriptions page',
  expense: 'expense reports imported with POST /import/expenses',
};

function categoryColor(theme: Theme, category: AiSpendCategory): string {
  const colors: Record<AiSpendCategory, string> = {
    'model-api': theme.palette.primary.main,
    'cloud-ai': theme.palette.info.main,
    'self-hosted': theme.palette.success.main,
    subscription: theme.palette.warning.main,
    expense: theme.palette.secondary.main,
  };
  return colors[category];
}

const useStyles = makeStyles(theme => ({
  headline: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(1, 2),
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
  swatch: {
    display: 'inline-block',
    width: theme.spacing(1.5),
    height: theme.spacing(1.5),
    borderRadius: 2,
    marginRight: theme.spacing(1),
    verticalAlign: 'middle',
  },
  name: { minWidth: 180 },
  empty: { color: theme.palette.text.secondary },
}));

type CategoryRow = {
  category: AiSpendCategory;
  /** As shown: rounded to add up to the total. */
  cost: number;
  /** As the API gave it, for the change against the previous period. */
  exactCost: number;
  previousCost: number;
  unallocatedCost: number;
  share: number;
};

/** The five categories with their shown cost and share, adding up to the shown total. */
export function categoryRows(rollup: RollupResponse): CategoryRow[] {
  const items = aiSpendCategories.map(category => {
    const item = rollup.items.find(i => i.key === category);
    return {
      category,
      cost: item?.cost ?? 0,
      previousCost: item?.previousCost ?? 0,
      unallocatedCost: item?.unallocatedCost ?? 0,
    };
  });
  const costs = roundPartsToTotal(
    items.map(i => i.cost),
    rollup.total,
  );
  const shares = roundSharesToWhole(costs);
  return items.map((item, i) => ({
    ...item,
    cost: costs[i],
    exactCost: item.cost,
    share: shares[i],
  }));
}

function SpendByCategory(props: { rollup: RollupResponse }) {
  const { rollup } = props;
  const classes = useStyles();
  const theme = useTheme();
  const scroll = useScrollCueStyles();
  const rows = categoryRows(rollup);
  const money = (value: number) => formatCurrency(value, rollup.currency);
  const previousTotal = rows.reduce((sum, row) => sum + row.previousCost, 0);
  const gap = historyGap(rollup.from, rollup.historyFrom);
  const unallocated = rows.reduce((sum, row) => sum + row.unallocatedCost, 0);
  return (
    <>
      <div className={classes.headline}>
        <Typography variant="h4" component="p" className={classes.money}>
          {money(rollup.total)}
        </Typography>
        <ChangeIndicator
          current={rollup.total}
          previous={previousTotal}
          currency={rollup.currency}
          suffix="vs the previous period"
          noHistoryBefore={gap}
        />
      </div>
      <Box className={classes.bar} aria-hidden="true">
        {rows
          .filter(row => row.share > 0)
          .map(row => (
            <span
              key={row.category}
              data-category={row.category}
              style={{
                width: `${row.share * 100}%`,
                backgroundColor: categoryColor(theme, row.category),
              }}
            />
          ))}
      </Box>
      <div className={scroll.scroll}>
        <Table size="small" aria-label="AI spend by category">
          <TableHead>
            <TableRow>
              <TableCell>Category</TableCell>
              <TableCell align="right">Cost</TableCell>
              <TableCell align="right">Share</TableCell>
              <TableCell>Change</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(row => (
              <CategoryRowView
                key={row.category}
                row={row}
                currency={rollup.currency}
                noHistoryBefore={gap}
              />
            ))}
          </TableBody>
        </Table>
      </div>
      {unallocated !== 0 && (
        <Typography variant="body2" color="textSecondary">
          Includes <span className={classes.money}>{money(unallocated)}</span>{' '}
          no catalog entity claims yet.
        </Typography>
      )}
    </>
  );
}

function CategoryRowView(props: {
  row: CategoryRow;
  currency: string;
  noHistoryBefore?: string;
}) {
  const { row, currency, noHistoryBefore } = props;
  const classes = useStyles();
  const theme = useTheme();
  const none = row.cost === 0 && row.previousCost === 0;
  return (
    <TableRow data-category={row.category}>
      <TableCell className={classes.name}>
        <span
          className={classes.swatch}
          style={{ backgroundColor: categoryColor(theme, row.category) }}
          aria-hidden="true"
        />
        {AI_SPEND_CATEGORY_LABELS[row.category]}
        {none && (
          <Typography
            variant="caption"
            component="div"
            className={classes.empty}
          >
            None yet: comes from {CATEGORY_SOURCES[row.category]}
          </Typography>
        )}
      </TableCell>
      <TableCell align="right" className={classes.money}>
        {formatCurrency(row.cost, currency)}
      </TableCell>
      <TableCell align="right" className={classes.money}>
        {formatShare(row.share)}
      </TableCell>
      <TableCell>
        {!none && (
          <ChangeIndicator
            current={row.exactCost}
            previous={row.previousCost}
            currency={currency}
            noHistoryBefore={noHistoryBefore}
          />
        )}
      </TableCell>
    </TableRow>
  );
}

export interface AiSpendCardProps {
  rollup?: RollupResponse;
  loading: boolean;
  error?: Error;
  onRetry?: () => void;
}

/**
 * The org page's headline: all AI spend of the period in one number, by
 * category (model APIs, cloud AI services, self-hosted GPU, subscriptions,
 * expensed tools) with each one's share and change, unallocated included.
 * Shares and amounts add up to the total as shown.
 */
export function AiSpendCard(props: AiSpendCardProps) {
  const { rollup, loading, error, onRetry } = props;
  let body = null;
  if (loading) {
    body = <Progress aria-label="Loading AI spend by category" />;
  } else if (error) {
    body = (
      <CardError what="AI spend by category" error={error} onRetry={onRetry} />
    );
  } else if (rollup) {
    body = <SpendByCategory rollup={rollup} />;
  }
  return (
    <InfoCard
      title="All AI spend"
      subheader={
        rollup
          ? `${formatDay(rollup.from)} – ${formatDay(rollup.to, {
              withYear: true,
            })}: model APIs, cloud AI services, self-hosted GPU, subscriptions and expensed tools, unallocated included`
          : undefined
      }
    >
      {body}
    </InfoCard>
  );
}
