import { useState } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import type { AllocationRulesResponse } from '@ai-cost/plugin-ai-cost-common';
import { useNotify } from '../../hooks';
import { CardError } from '../CardError';
import { AllocationRulesCard } from './AllocationRulesCard';
import { DeleteRuleDialog } from './DeleteRuleDialog';
import { RuleEditorDialog } from './RuleEditorDialog';
import type { AllocationRuleView } from './ruleText';

/** @public */
export interface RulesSectionProps {
  rules?: AllocationRulesResponse;
  loading: boolean;
  error?: Error;
  onRetry(): void;
  /** After a rule was saved or deleted: spend was re-attributed. */
  onChanged(): void;
}

type Editing = { rule?: AllocationRuleView } | undefined;

/** The rules list with the rule editor and the delete confirmation. */
export function RulesSection(props: RulesSectionProps) {
  const { rules, loading, error, onRetry, onChanged } = props;
  const notify = useNotify();
  const [editing, setEditing] = useState<Editing>();
  const [deleting, setDeleting] = useState<string>();

  if (error) {
    return (
      <InfoCard title="Allocation rules">
        <CardError error={error} what="allocation rules" onRetry={onRetry} />
      </InfoCard>
    );
  }
  if (!rules) {
    return loading ? <Progress aria-label="Loading allocation rules" /> : null;
  }
  return (
    <>
      <AllocationRulesCard
        rules={rules}
        onNew={() => setEditing({})}
        onEdit={rule => setEditing({ rule })}
        onDelete={rule => setDeleting(rule.id)}
      />
      <RuleEditorDialog
        open={Boolean(editing)}
        rule={editing?.rule}
        tags={rules.tags}
        onClose={() => setEditing(undefined)}
        onSaved={saved => {
          setEditing(undefined);
          notify({ message: `Saved rule ${saved.id}`, status: 'success' });
          onChanged();
        }}
      />
      <DeleteRuleDialog
        ruleId={deleting}
        onClose={() => setDeleting(undefined)}
        onDeleted={id => {
          setDeleting(undefined);
          notify({ message: `Deleted rule ${id}`, status: 'success' });
          onChanged();
        }}
      />
    </>
  );
}
