import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import type { AllocationRulesResponse } from '@ai-cost/plugin-ai-cost-common';
import { RuleRow } from './RuleRow';
import type { AllocationRuleView } from './ruleText';

/** @public */
export interface AllocationRulesCardProps {
  rules: AllocationRulesResponse;
  onNew(): void;
  onEdit(rule: AllocationRuleView): void;
  onDelete(rule: AllocationRuleView): void;
}

function RulesTable(props: {
  title: string;
  rules: AllocationRuleView[];
  currency: string;
  onEdit(rule: AllocationRuleView): void;
  onDelete(rule: AllocationRuleView): void;
}) {
  const { title, rules, currency, onEdit, onDelete } = props;
  return (
    <Box marginBottom={3}>
      <Typography variant="h6" component="h3" gutterBottom>
        {title}
      </Typography>
      {rules.length === 0 ? (
        <Typography variant="body2">None yet.</Typography>
      ) : (
        <Box overflow="auto">
          <Table size="small" aria-label={title}>
            <TableHead>
              <TableRow>
                <TableCell>Rule</TableCell>
                <TableCell>Matches</TableCell>
                <TableCell>Does</TableCell>
                <TableCell align="right">Matched (30 days)</TableCell>
                <TableCell>Problems</TableCell>
                <TableCell>
                  <span hidden>Actions</span>
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rules.map(rule => (
                <RuleRow
                  key={rule.id}
                  rule={rule}
                  currency={currency}
                  onEdit={onEdit}
                  onDelete={onDelete}
                />
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
}

/**
 * Virtual-tag and split rules in the order they apply (portal rules first,
 * then app-config), with the spend each matched over the last 30 days.
 * @public
 */
export function AllocationRulesCard(props: AllocationRulesCardProps) {
  const { rules, onNew, onEdit, onDelete } = props;
  return (
    <InfoCard
      title="Allocation rules"
      subheader={`In the order they apply; matched spend from ${rules.from} to ${rules.to}`}
      action={
        <Button variant="outlined" color="primary" onClick={onNew}>
          New rule
        </Button>
      }
    >
      <RulesTable
        title="Virtual tags"
        rules={rules.virtualTags}
        currency={rules.currency}
        onEdit={onEdit}
        onDelete={onDelete}
      />
      <RulesTable
        title="Split rules"
        rules={rules.splitRules}
        currency={rules.currency}
        onEdit={onEdit}
        onDelete={onDelete}
      />
    </InfoCard>
  );
}
