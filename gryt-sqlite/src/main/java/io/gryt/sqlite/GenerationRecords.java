package io.gryt.sqlite;

import io.gryt.api.BadInputException;
import io.gryt.api.release.Change;
import io.gryt.api.release.Generation;
import io.gryt.api.release.GenerationStatus;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.gryt.sqlite.AuditedTable.GENERATIONS;
import static io.gryt.sqlite.AuditedTable.GENERATION_CHANGES;

/**
 * The {@code generations} and {@code generation_changes} tables: reading generations with their changes (one
 * statement, so one consistent snapshot) and making a stored generation agree with its contract file.
 */
final class GenerationRecords {
    private static final String THE_GENERATION = "id = ?";
    private static final String ITS_CHANGES = "generation_id = ?";

    /** How many proving evolutions a refused removal names before it summarises. */
    private static final int NAMED_PROOFS = 5;

    private static final String SELECT = """
            SELECT g.id, g.version, g.description, g.status, g.hotfix_of, g.pipeline_template, g.contract_hash,
                   g.promoted_at, c.change_id, c.type, c.title, c.description AS change_description
              FROM generations g LEFT JOIN generation_changes c ON c.generation_id = g.id
            """;

    private GenerationRecords() {
    }

    /** Generation {@code version} with its changes in file order. */
    static Optional<Generation> read(SqlDatabase db, String version) {
        return collect(db.select("read generation " + version, SELECT + " WHERE g.version = ? ORDER BY c.position",
                GenerationRecords::row, version)).stream().findFirst();
    }

    /** As {@link #read(SqlDatabase, String)}, inside the transaction of {@code h}. */
    private static Optional<Generation> read(Handle h, String version) {
        return collect(h.createQuery(SELECT + " WHERE g.version = ? ORDER BY c.position").bind(0, version)
                .map((rs, ctx) -> row(rs)).list()).stream().findFirst();
    }

    /** Every generation, by creation time, each with its changes in file order. */
    static List<Generation> readAll(SqlDatabase db) {
        return collect(db.select("read the generations", SELECT + " ORDER BY g.created_at, g.id, c.position",
                GenerationRecords::row));
    }

    /**
     * Inserts {@code contract} or, for a draft, updates the stored one to agree with it; a promoted generation is
     * left as it is. Must run inside a write transaction. Appends {@code generation.created} or, when a draft
     * changed, {@code generation.synced} to the audit trail.
     *
     * @throws BadInputException when the contract declares a change twice, or drops a change that an
     *                           evolution already proves
     */
    static Generation sync(Handle h, AuditLog audit, Generation contract, String file, Instant at) {
        requireDistinctIds(contract, file);
        Optional<StoredHeader> stored = h.createQuery("SELECT id, status FROM generations WHERE version = :version")
                .bind("version", contract.version())
                .map((rs, ctx) -> new StoredHeader(rs.getLong("id"), GenerationStatus.fromLabel(rs.getString("status"))))
                .findOne();
        if (stored.isEmpty()) {
            long id = insertGeneration(h, contract, file, at);
            insertChanges(h, id, contract.changes(), positions(contract));
            audit.append(h, "generation.created", EntryPayload.on(h).rows(GENERATIONS, THE_GENERATION, id)
                    .rows(GENERATION_CHANGES, ITS_CHANGES, id));
        } else if (stored.get().status() == GenerationStatus.DRAFT) {
            long id = stored.get().id();
            List<Map<String, Object>> generationBefore = GENERATIONS.select(h, THE_GENERATION, id);
            List<Map<String, Object>> changesBefore = GENERATION_CHANGES.select(h, ITS_CHANGES, id);
            updateDraft(h, id, contract, file);
            List<Map<String, Object>> generationAfter = GENERATIONS.select(h, THE_GENERATION, id);
            List<Map<String, Object>> changesAfter = GENERATION_CHANGES.select(h, ITS_CHANGES, id);
            if (!generationBefore.equals(generationAfter) || !changesBefore.equals(changesAfter)) {
                Set<Object> kept = new HashSet<>();
                changesAfter.forEach(c -> kept.add(c.get("id")));
                audit.append(h, "generation.synced", EntryPayload.on(h)
                        .rows(GENERATIONS, generationAfter)
                        .rows(GENERATION_CHANGES, changesAfter)
                        .removed(GENERATION_CHANGES, changesBefore.stream().filter(c -> !kept.contains(c.get("id"))).toList()));
            }
        }
        return read(h, contract.version()).orElseThrow();
    }

    /**
     * Deletes draft generation {@code version} and its changes, appending {@code generation.deleted} (the rows it
     * removed) to the audit trail. Must run inside a write transaction.
     *
     * @return false when no generation {@code version} is recorded
     * @throws BadInputException when the generation has evidence: it is promoted, or has evolutions or promotions
     */
    static boolean delete(Handle h, AuditLog audit, String version) {
        Optional<StoredHeader> stored = h.createQuery("SELECT id, status FROM generations WHERE version = :version")
                .bind("version", version)
                .map((rs, ctx) -> new StoredHeader(rs.getLong("id"), GenerationStatus.fromLabel(rs.getString("status"))))
                .findOne();
        if (stored.isEmpty()) {
            return false;
        }
        long id = stored.get().id();
        if (stored.get().status() == GenerationStatus.PROMOTED) {
            throw new BadInputException("generation " + version + " is promoted: a released contract and its evidence"
                    + " are kept (start a new generation, or a hot-fix)");
        }
        List<String> tags = h.createQuery("SELECT tag FROM evolutions WHERE generation_id = :id ORDER BY rc_number")
                .bind("id", id).mapTo(String.class).list();
        if (!tags.isEmpty()) {
            String named = tags.size() <= NAMED_PROOFS ? String.join(", ", tags)
                    : String.join(", ", tags.subList(0, NAMED_PROOFS)) + " and " + (tags.size() - NAMED_PROOFS) + " more";
            throw new BadInputException("generation " + version + " cannot be deleted: it has " + tags.size()
                    + (tags.size() == 1 ? " evolution (" : " evolutions (") + named + "), which are evidence;"
                    + " only a draft with no evolutions can be deleted");
        }
        int promotions = h.createQuery("SELECT COUNT(*) FROM promotions WHERE generation_id = :id")
                .bind("id", id).mapTo(Integer.class).one();
        if (promotions > 0) {
            throw new BadInputException("generation " + version + " cannot be deleted: " + promotions
                    + (promotions == 1 ? " promotion attempt is" : " promotion attempts are") + " recorded for it,"
                    + " which are evidence");
        }
        List<Map<String, Object>> generation = GENERATIONS.select(h, THE_GENERATION, id);
        List<Map<String, Object>> changes = GENERATION_CHANGES.select(h, ITS_CHANGES, id);
        h.createUpdate("DELETE FROM generation_changes WHERE generation_id = :id").bind("id", id).execute();
        h.createUpdate("DELETE FROM generations WHERE id = :id").bind("id", id).execute();
        audit.append(h, "generation.deleted", EntryPayload.on(h)
                .removed(GENERATIONS, generation)
                .removed(GENERATION_CHANGES, changes));
        return true;
    }

    private static void updateDraft(Handle h, long id, Generation contract, String file) {
        h.createUpdate("""
                        UPDATE generations
                           SET description = :description, pipeline_template = :template, hotfix_of = :hotfixOf,
                               contract_hash = :hash, file_path = :file
                         WHERE id = :id""")
                .bind("description", contract.description())
                .bind("template", contract.pipelineTemplate())
                .bind("hotfixOf", contract.hotfixOf())
                .bind("hash", contract.contractHash())
                .bind("file", file)
                .bind("id", id)
                .execute();
        Map<String, Long> existing = new HashMap<>();
        h.createQuery("SELECT id, change_id FROM generation_changes WHERE generation_id = :id ORDER BY position")
                .bind("id", id)
                .map((rs, ctx) -> Map.entry(rs.getString("change_id"), rs.getLong("id")))
                .forEach(e -> existing.put(e.getKey(), e.getValue()));
        Set<String> declared = new HashSet<>();
        contract.changes().forEach(c -> declared.add(c.id()));
        List<Long> removed = existing.entrySet().stream().filter(e -> !declared.contains(e.getKey()))
                .map(Map.Entry::getValue).sorted().toList();
        if (!removed.isEmpty()) {
            refuseRemovingProvenChanges(h, removed, contract.version(), file);
            h.createUpdate("DELETE FROM generation_changes WHERE id IN (<ids>)").bindList("ids", removed).execute();
        }
        Map<String, Integer> positions = positions(contract);
        List<Change> kept = contract.changes().stream().filter(c -> existing.containsKey(c.id())).toList();
        if (!kept.isEmpty()) {
            PreparedBatch update = h.prepareBatch("""
                    UPDATE generation_changes SET position = :position, type = :type, title = :title,
                                                  description = :description
                     WHERE generation_id = :generation AND change_id = :changeId""");
            bindChanges(update, id, kept, positions);
        }
        List<Change> added = contract.changes().stream().filter(c -> !existing.containsKey(c.id())).toList();
        insertChanges(h, id, added, positions);
    }

    private static void refuseRemovingProvenChanges(Handle h, List<Long> removed, String version, String file) {
        Map<String, List<String>> proofs = new LinkedHashMap<>();
        h.createQuery("""
                        SELECT c.change_id, e.tag
                          FROM generation_changes c
                          JOIN evolution_changes ec ON ec.change_id = c.id
                          JOIN evolutions e ON e.id = ec.evolution_id
                         WHERE c.id IN (<ids>)
                         ORDER BY c.position, e.rc_number""")
                .bindList("ids", removed)
                .map((rs, ctx) -> Map.entry(rs.getString("change_id"), rs.getString("tag")))
                .forEach(e -> proofs.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        if (proofs.isEmpty()) {
            return;
        }
        Map.Entry<String, List<String>> first = proofs.entrySet().iterator().next();
        List<String> tags = first.getValue();
        String named = tags.size() <= NAMED_PROOFS ? String.join(", ", tags)
                : String.join(", ", tags.subList(0, NAMED_PROOFS)) + " and " + (tags.size() - NAMED_PROOFS) + " more";
        throw new BadInputException(file + ": change " + first.getKey() + " cannot be removed from " + version + ": "
                + (tags.size() == 1 ? "evolution " + named + " already proves it"
                : "evolutions " + named + " already prove it"));
    }

    private static long insertGeneration(Handle h, Generation contract, String file, Instant at) {
        h.createUpdate("""
                        INSERT INTO generations (version, description, status, hotfix_of, pipeline_template,
                                                 contract_hash, file_path, created_at)
                        VALUES (:version, :description, :draft, :hotfixOf, :template, :hash, :file, :at)""")
                .bind("version", contract.version())
                .bind("description", contract.description())
                .bind("draft", GenerationStatus.DRAFT.label())
                .bind("hotfixOf", contract.hotfixOf())
                .bind("template", contract.pipelineTemplate())
                .bind("hash", contract.contractHash())
                .bind("file", file)
                .bindByType("at", at, Instant.class)
                .execute();
        return h.createQuery("SELECT last_insert_rowid()").mapTo(Long.class).one();
    }

    private static void insertChanges(Handle h, long generationId, List<Change> changes, Map<String, Integer> positions) {
        if (changes.isEmpty()) {
            return;
        }
        bindChanges(h.prepareBatch("""
                INSERT INTO generation_changes (generation_id, change_id, position, type, title, description)
                VALUES (:generation, :changeId, :position, :type, :title, :description)"""),
                generationId, changes, positions);
    }

    private static void bindChanges(PreparedBatch batch, long generationId, List<Change> changes,
                                    Map<String, Integer> positions) {
        for (Change c : changes) {
            batch.bind("generation", generationId)
                    .bind("changeId", c.id())
                    .bind("position", positions.get(c.id()))
                    .bind("type", c.type().label())
                    .bind("title", c.title())
                    .bind("description", c.description())
                    .add();
        }
        batch.execute();
    }

    /** Each change's index in the contract (file order). */
    private static Map<String, Integer> positions(Generation contract) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < contract.changes().size(); i++) {
            positions.put(contract.changes().get(i).id(), i);
        }
        return positions;
    }

    private static void requireDistinctIds(Generation contract, String file) {
        Set<String> seen = new HashSet<>();
        for (Change c : contract.changes()) {
            if (!seen.add(c.id())) {
                throw new BadInputException(file + ": change " + c.id() + " is declared twice in " + contract.version());
            }
        }
    }

    private static List<Generation> collect(List<Row> rows) {
        Map<Long, Generation> generations = new LinkedHashMap<>();
        Map<Long, List<Change>> changes = new HashMap<>();
        for (Row row : rows) {
            generations.putIfAbsent(row.id(), row.generation());
            List<Change> list = changes.computeIfAbsent(row.id(), k -> new ArrayList<>());
            if (row.change() != null) {
                list.add(row.change());
            }
        }
        return generations.entrySet().stream()
                .map(e -> ReleaseRows.withChanges(e.getValue(), changes.get(e.getKey())))
                .toList();
    }

    private static Row row(ResultSet rs) throws SQLException {
        Change change = rs.getString("change_id") == null ? null : ReleaseRows.change(rs, "change_description");
        return new Row(rs.getLong("id"), ReleaseRows.generation(rs), change);
    }

    /** One row of the generation-with-changes join: the generation and one of its changes (or none). */
    private record Row(long id, Generation generation, Change change) {
    }

    private record StoredHeader(long id, GenerationStatus status) {
    }
}
