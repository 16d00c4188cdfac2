import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { errorMessage, isForbidden, isNotFound } from '../../utils/errors';

/** @public */
export interface CardErrorProps {
  error: Error;
  /** What could not be loaded, e.g. "the budget status". */
  what: string;
  onRetry?: () => void;
}

/**
 * A failed request inside a card: a 403 or 404 explained in words, other
 * errors with the server's message and a retry button.
 * @public
 */
export function CardError(props: CardErrorProps) {
  const { error, what, onRetry } = props;
  if (isForbidden(error)) {
    return (
      <Typography variant="body2">
        You may not see the AI costs of this entity.
      </Typography>
    );
  }
  if (isNotFound(error)) {
    return (
      <Typography variant="body2">
        AI Cost does not know this entity, or you may not see it.
      </Typography>
    );
  }
  return (
    <div role="alert">
      <Typography variant="body2" color="error" paragraph>
        Could not load {what}: {errorMessage(error)}
      </Typography>
      {onRetry && (
        <Button size="small" variant="outlined" onClick={onRetry}>
          Retry
        </Button>
      )}
    </div>
  );
}
