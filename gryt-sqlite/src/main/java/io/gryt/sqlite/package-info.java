/**
 * gryt's audit database on SQLite (through Jdbi and sqlite-jdbc): {@link io.gryt.sqlite.SqliteStoreProvider}
 * opens {@code sqlite:} locations, {@link io.gryt.sqlite.SqliteStore} is the {@link io.gryt.api.spi.Store}.
 * The schema is created and upgraded by numbered migrations recorded in {@code schema_version}; the database
 * runs in WAL mode so that several threads and processes can record runs, evolutions and promotions at once.
 * {@link io.gryt.api.spi.Store#releases()} records the release model (generations, their changes, evolutions
 * with gap-free RC numbers, promotions) in the same file. Every write appends, in its transaction, a
 * hash-chained entry to {@code audit_log} holding the rows it wrote; {@link io.gryt.api.spi.Store#audit()} verifies
 * the trail against the tables, and takes and restores snapshots (see {@code docs/audit.md}).
 */
package io.gryt.sqlite;
