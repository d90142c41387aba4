// Every column states its type: esbuild-based runners emit no decorator metadata, and the same
// entities must map identically onto SQLite and MySQL/MariaDB.
export const uuidColumn = { type: 'varchar', length: 36 } as const;
export const timestampColumn = { type: 'datetime', precision: 3 } as const;
export const nullableTimestampColumn = { type: 'datetime', precision: 3, nullable: true } as const;
export const jsonColumn = { type: 'json' } as const;
