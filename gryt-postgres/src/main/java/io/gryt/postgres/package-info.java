/**
 * A team's shared gryt store on a PostgreSQL server: {@link io.gryt.postgres.PostgresStoreProvider} opens
 * {@code postgres://user@host:port/database} locations (found with {@link java.util.ServiceLoader}),
 * {@link io.gryt.postgres.PostgresStore} opens one from Java with {@link io.gryt.postgres.PostgresOptions}. The
 * records, audit entries and their hashes are those of gryt-sqlite's stores, over a PostgreSQL database
 * ({@link io.gryt.sqlite.SqlDatabase}); every write transaction first takes gryt's advisory write lock, so that
 * RC numbers, promotions and the audit chain stay gap-free with writers on many machines. See
 * {@code docs/team-store.md}.
 */
package io.gryt.postgres;
