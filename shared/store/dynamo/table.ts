/**
 * The one table (docs/data-model.md). The local store and the CDK stack both build it from these
 * names, so they cannot disagree.
 */
export const TABLE_KEYS = { partition: 'pk', sort: 'sk' } as const;

/** Programmes by alliance. */
export const GSI1 = { name: 'gsi1', partition: 'gsi1pk', sort: 'gsi1sk' } as const;

/** Attribute DynamoDB's TTL deletes expired records by (idempotency records, import jobs, saved plans), in epoch seconds. */
export const TTL_ATTRIBUTE = 'expiresAt';
