import Alert from '@material-ui/lab/Alert';

/** In place of costs while the picked custom window cannot be used. */
export function InvalidPeriodNotice(props: { error: string }) {
  return (
    <Alert severity="warning">
      No costs are shown for this period: {props.error}. Pick another period.
    </Alert>
  );
}
