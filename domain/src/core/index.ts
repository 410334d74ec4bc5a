// Public surface of the pure domain core (`@persona-ops/domain/core`): KPIs, tiers, insights,
// verdicts, the asset state machine, comparison rules and the safety taxonomy. No I/O here.
export * from './errors.ts';
export * from './money.ts';
export * from './fx.ts';
export * from './fx-rates-csv.ts';
export * from './ratio.ts';
export * from './stats.ts';
export * from './tiers.ts';
export * from './iso-week.ts';
export * from './asset-state.ts';
export * from './production.ts';
export * from './audience.ts';
export * from './brand-safety.ts';
export * from './new-followers-lift.ts';
export * from './commercial.ts';
export * from './lift.ts';
export * from './funnel.ts';
export * from './insights.ts';
export * from './verdict.ts';
export * from './comparison.ts';
export * from './safety-taxonomy.ts';
export * from './vocabulary.ts';
export * from './comment-import.ts';
export * from './export-values.ts';
export * from './platform-import.ts';
export * from './ingest-rules.ts';
export * from './campaign-cost.ts';
