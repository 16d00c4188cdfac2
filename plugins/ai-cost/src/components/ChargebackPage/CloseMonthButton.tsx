import { useState } from 'react';
import Button from '@material-ui/core/Button';
import LockIcon from '@material-ui/icons/Lock';
import { usePermission } from '@backstage/plugin-permission-react';
import { aiCostAdminPermission } from '@ai-cost/plugin-ai-cost-common';
import { useNotify } from '../../hooks';
import { CloseMonthDialog } from './CloseMonthDialog';
import { monthLabel } from './months';

/** @public */
export interface CloseMonthButtonProps {
  month: string;
  /** Called once the month is closed, to show the closed statement. */
  onClosed(): void;
}

/** Closes an open month after a confirmation; only for `ai-cost.admin`. @public */
export function CloseMonthButton(props: CloseMonthButtonProps) {
  const { month, onClosed } = props;
  const { allowed } = usePermission({ permission: aiCostAdminPermission });
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  if (!allowed) return null;
  return (
    <>
      <Button
        variant="outlined"
        color="secondary"
        startIcon={<LockIcon />}
        onClick={() => setOpen(true)}
      >
        Close month
      </Button>
      <CloseMonthDialog
        month={month}
        open={open}
        onClose={() => setOpen(false)}
        onClosed={() => {
          setOpen(false);
          notify({
            message: `${monthLabel(month)} is closed`,
            status: 'success',
          });
          onClosed();
        }}
      />
    </>
  );
}
