import { Fragment, useId, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Collapse from '@material-ui/core/Collapse';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import type {
  RollupResponse,
  UnallocatedItem,
} from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency, formatShare } from '../../utils/format';
import { dimensionLabel, providerLabel } from '../../utils/labels';
import { OwnershipGuidance } from './OwnershipGuidance';

function itemKey(item: UnallocatedItem): string {
  return `${item.provider}|${item.dimension}|${item.value}`;
}

/** @public */
export interface UnallocatedSpendCardProps {
  rollup: RollupResponse;
}

/**
 * Spend no entity claims, per provider dimension, with "who owns this?"
 * guidance: the annotation that would claim each item, as a snippet.
 * @public
 */
export function UnallocatedSpendCard(props: UnallocatedSpendCardProps) {
  const { rollup } = props;
  const { unallocated, currency, total } = rollup;
  const id = useId();
  const [open, setOpen] = useState<string | undefined>();
  const money = (value: number) => formatCurrency(value, currency);
  const items = [...unallocated.items].sort((a, b) => b.cost - a.cost);

  return (
    <InfoCard
      title="Unallocated spend"
      subheader={
        unallocated.cost > 0
          ? `${money(unallocated.cost)} of ${money(total)} (${formatShare(
              total > 0 ? unallocated.cost / total : 0,
            )}) is not claimed by any catalog entity`
          : undefined
      }
    >
      {items.length === 0 ? (
        <Typography variant="body2">
          All spend in this period is claimed by catalog entities.
        </Typography>
      ) : (
        <Table size="small" aria-label="Unallocated spend">
          <TableHead>
            <TableRow>
              <TableCell>Provider</TableCell>
              <TableCell>Unclaimed</TableCell>
              <TableCell align="right">Cost</TableCell>
              <TableCell>
                <span hidden>Guidance</span>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map(item => {
              const key = itemKey(item);
              const expanded = open === key;
              const panelId = `${id}-${items.indexOf(item)}`;
              return (
                <Fragment key={key}>
                  <TableRow>
                    <TableCell>{providerLabel(item.provider)}</TableCell>
                    <TableCell>
                      {item.value
                        ? `${dimensionLabel(item.provider, item.dimension)} ${
                            item.value
                          }`
                        : dimensionLabel(item.provider, item.dimension)}
                    </TableCell>
                    <TableCell align="right">{money(item.cost)}</TableCell>
                    <TableCell align="right">
                      <Button
                        size="small"
                        color="primary"
                        aria-expanded={expanded}
                        aria-controls={panelId}
                        onClick={() => setOpen(expanded ? undefined : key)}
                      >
                        Who owns this?
                      </Button>
                    </TableCell>
                  </TableRow>
                  <TableRow>
                    <TableCell
                      colSpan={4}
                      style={{
                        paddingBottom: 0,
                        paddingTop: 0,
                        borderBottom: expanded ? undefined : 'none',
                      }}
                    >
                      <Collapse in={expanded} unmountOnExit>
                        <Box id={panelId} paddingY={2}>
                          <OwnershipGuidance item={item} />
                        </Box>
                      </Collapse>
                    </TableCell>
                  </TableRow>
                </Fragment>
              );
            })}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
