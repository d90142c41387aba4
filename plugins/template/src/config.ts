import { secret, z } from '@ihub/plugin-kit';

/** Connection config: where the API is and how to authenticate. `secret()` keeps the key out of logs and API answers. */
export const configSchema = z.strictObject({
  endpoint: z.url({ protocol: /^https?$/ }).describe('Base URL of the API, e.g. `https://api.example.com/v1`.'),
  apiKey: secret(z.string().min(1)).describe('API key, sent as a bearer token.'),
});

export type TemplateConfig = z.output<typeof configSchema>;
