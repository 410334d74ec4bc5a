// Messages this product sends out of its network (`@persona-ops/domain/outbound`): signed alert
// webhooks, posted only to addresses the outbound policy allows. Used by the workers' deliveries
// and by the API's test delivery, so both sign and refuse alike.
export * from './post-webhook.ts';
export * from './sign.ts';
