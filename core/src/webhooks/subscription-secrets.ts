import { HubError } from '@ihub/plugin-kit';
import type { LoadedConfig } from '../config';
import type { SecretBox } from '../security';
import type { WebhookSubscription } from '../store/entities';

/**
 * The secrets that sign a subscription's deliveries now: the current one, and the previous one
 * while a rotation's overlap lasts. Config-file subscriptions take theirs from the loaded config
 * (the environment); the others are decrypted from the store.
 */
export function signingSecrets(subscription: WebhookSubscription, deps: { config: LoadedConfig; tenantCode: string | undefined; box: () => SecretBox }, now: Date): string[] {
  if (subscription.source !== null) {
    const declared = deps.config.webhooks.find((w) => w.tenant === deps.tenantCode && w.name === subscription.name);
    if (!declared) throw new HubError('IHUB_WEBHOOK_NO_SECRET', `subscription '${subscription.name}' is declared in ${subscription.source}, which this node has not loaded; reload the config`, { fault: 'user' });
    return declared.previousSecret ? [declared.secret, declared.previousSecret] : [declared.secret];
  }
  if (!subscription.secret) throw new HubError('IHUB_WEBHOOK_NO_SECRET', `subscription '${subscription.name}' has no secret`, { fault: 'hub' });
  const box = deps.box();
  const secrets = [box.decrypt(subscription.secret) as string];
  if (subscription.previousSecret && subscription.previousSecretExpiresAt && subscription.previousSecretExpiresAt > now) secrets.push(box.decrypt(subscription.previousSecret) as string);
  return secrets;
}
