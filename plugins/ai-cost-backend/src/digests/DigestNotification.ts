/** One digest for one recipient, ready for the notifications backend. */
export interface DigestNotification {
  /** The group or user entity that receives it. */
  recipient: string;
  /** `ai-cost-digest-weekly`, `ai-cost-digest-monthly` or `ai-cost-leadership`: users mute each in their notification settings. */
  topic: string;
  /** Identity of the digest: one per recipient and period. */
  scope: string;
  title: string;
  description: string;
  link: string;
}
