package io.gryt.core.store;

import io.gryt.api.Artifact;
import io.gryt.api.BadInputException;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeSet;
import io.gryt.api.spi.EvolutionsInProgressException;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionRef;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.Generation;
import io.gryt.api.release.GenerationStatus;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.DataRow;
import io.gryt.api.spi.ProcessOwner;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.StoreException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The generations, evolutions and promotions of a {@link MemoryStore}, with the rules of a database store: RC
 * numbers unique and gap-free per generation, no evolution of a promoted generation or one being promoted, one
 * release per generation, a proven change kept in its contract. Every method holds the store's lock.
 */
final class MemoryReleases implements ReleaseStore {
    private final MemoryStore store;
    private final Map<String, StoredGeneration> generations = new LinkedHashMap<>();
    private final Map<String, StoredEvolution> evolutions = new LinkedHashMap<>();
    private final Map<Long, StoredPromotionRow> promotions = new LinkedHashMap<>();
    private long nextId = 1;

    /** A generation with the fields only the store keeps. */
    static final class StoredGeneration {
        final long id;
        Generation generation;
        String file;
        final Instant createdAt;

        StoredGeneration(long id, Generation generation, String file, Instant createdAt) {
            this.id = id;
            this.generation = generation;
            this.file = file;
            this.createdAt = createdAt;
        }
    }

    /** An evolution with its owner and whether its tag was recorded. */
    static final class StoredEvolution {
        final long id;
        Evolution evolution;
        final ProcessOwner owner;
        Instant taggedAt;

        StoredEvolution(long id, Evolution evolution, ProcessOwner owner) {
            this.id = id;
            this.evolution = evolution;
            this.owner = owner;
        }
    }

    /** A promotion row. */
    static final class StoredPromotionRow {
        final long id;
        final String version;
        final String commit;
        final String tag;
        PromotionStatus status;
        String reportJson;
        final Instant startedAt;
        Instant finishedAt;

        StoredPromotionRow(long id, String version, String commit, String tag, PromotionStatus status,
                           String reportJson, Instant startedAt) {
            this.id = id;
            this.version = version;
            this.commit = commit;
            this.tag = tag;
            this.status = status;
            this.reportJson = reportJson;
            this.startedAt = startedAt;
        }

        StoredPromotion stored() {
            return new StoredPromotion(id, version, commit, tag, status, reportJson, startedAt);
        }
    }

    MemoryReleases(MemoryStore store) {
        this.store = store;
    }

    @Override
    public boolean deleteGeneration(String version) {
        Objects.requireNonNull(version, "version");
        synchronized (store) {
            writable();
            StoredGeneration g = generations.get(version);
            if (g == null) return false;
            if (g.generation.status() == GenerationStatus.PROMOTED) {
                throw new BadInputException("generation " + version + " is promoted: a released contract and its evidence"
                        + " are kept (start a new generation, or a hot-fix)");
            }
            List<String> tags = evolutionsOf(version).stream().map(e -> e.evolution.tag()).toList();
            if (!tags.isEmpty()) {
                throw new BadInputException("generation " + version + " cannot be deleted: it has " + tags.size()
                        + (tags.size() == 1 ? " evolution (" : " evolutions (") + String.join(", ", tags)
                        + "), which are evidence; only a draft with no evolutions can be deleted");
            }
            int attempts = promotionsOf(version).size();
            if (attempts > 0) {
                throw new BadInputException("generation " + version + " cannot be deleted: " + attempts
                        + (attempts == 1 ? " promotion attempt is" : " promotion attempts are") + " recorded for it,"
                        + " which are evidence");
            }
            generations.remove(version);
            return true;
        }
    }

    @Override
    public Generation syncGeneration(Generation contract, String file, Instant at) {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(at, "at");
        synchronized (store) {
            writable();
            Set<String> ids = new HashSet<>();
            for (Change c : contract.changes()) {
                if (!ids.add(c.id())) {
                    throw new BadInputException(file + ": change " + c.id() + " is declared twice in " + contract.version());
                }
            }
            StoredGeneration stored = generations.get(contract.version());
            if (stored == null) {
                generations.put(contract.version(), new StoredGeneration(nextId++, new Generation(contract.version(),
                        contract.description(), contract.changes(), contract.pipelineTemplate(), contract.hotfixOf(),
                        GenerationStatus.DRAFT, contract.contractHash(), null), file, at));
            } else if (stored.generation.status() == GenerationStatus.DRAFT) {
                for (Change old : stored.generation.changes()) {
                    if (ids.contains(old.id())) continue;
                    List<String> tags = evolutionsOf(contract.version()).stream()
                            .filter(e -> e.evolution.changes().contains(old.id())).map(e -> e.evolution.tag()).toList();
                    if (!tags.isEmpty()) {
                        throw new BadInputException(file + ": change " + old.id() + " cannot be removed from "
                                + contract.version() + ": " + (tags.size() == 1 ? "evolution " + tags.get(0)
                                + " already proves it" : "evolutions " + String.join(", ", tags) + " already prove it"));
                    }
                }
                stored.generation = new Generation(contract.version(), contract.description(), contract.changes(),
                        contract.pipelineTemplate(), contract.hotfixOf(), GenerationStatus.DRAFT,
                        contract.contractHash(), null);
                stored.file = file;
            }
            return generations.get(contract.version()).generation;
        }
    }

    @Override
    public Optional<Generation> generation(String version) {
        synchronized (store) {
            store.requireOpen();
            return Optional.ofNullable(generations.get(version)).map(g -> g.generation);
        }
    }

    @Override
    public List<Generation> generations() {
        synchronized (store) {
            store.requireOpen();
            return storedGenerations().stream().map(g -> g.generation).toList();
        }
    }

    @Override
    public Evolution createEvolution(String version, List<String> changeIds, String commit, boolean allowDirty,
                                     ProcessOwner owner, Instant at) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(at, "at");
        List<String> ids = List.copyOf(new LinkedHashSet<>(changeIds));
        if (ids.isEmpty()) throw new BadInputException("an evolution of " + version + " proves at least one change");
        synchronized (store) {
            writable();
            StoredGeneration g = generations.get(version);
            if (g == null) {
                throw new BadInputException("unknown generation " + version + ": it is not recorded in "
                        + store.location() + " (load its file first)");
            }
            if (g.generation.status() == GenerationStatus.PROMOTED) {
                throw new BadInputException("generation " + version + " is promoted and takes no more evolutions");
            }
            if (promotionsOf(version).stream().anyMatch(p -> p.status == PromotionStatus.PENDING)) {
                throw new BadInputException("generation " + version + " is being promoted and takes no more evolutions"
                        + " (a promotion interrupted by a crash is repaired when gryt next opens the project)");
            }
            // checked again under the lock: the contract may have been synced since the caller read it
            List<String> inFileOrder = ChangeSet.of(g.generation, ids).ids();
            int rc = evolutionsOf(version).stream().mapToInt(e -> e.evolution.rc()).max().orElse(0) + 1;
            Evolution e = new Evolution(Evolution.tagOf(version, rc), version, rc, inFileOrder, EvolutionStatus.PENDING,
                    commit, null, allowDirty, at, null);
            evolutions.put(e.tag(), new StoredEvolution(nextId++, e, owner));
            return e;
        }
    }

    @Override
    public void evolutionRunning(String tag, String runId) {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(runId, "runId");
        synchronized (store) {
            writable();
            StoredEvolution s = evolutions.get(tag);
            if (s == null || s.evolution.status().isFinal()) {
                throw new StoreException(store.location() + ": cannot record evolution " + tag + " as running: "
                        + (s == null ? "no such evolution" : "it already ended (" + s.evolution.status().label() + ")"));
            }
            s.evolution = with(s.evolution, EvolutionStatus.RUNNING, runId, null);
        }
    }

    @Override
    public void evolutionFinished(String tag, EvolutionStatus status, Instant at) {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(at, "at");
        if (!Objects.requireNonNull(status, "status").isFinal()) {
            throw new IllegalArgumentException("an evolution cannot finish as " + status.label() + ": " + tag);
        }
        synchronized (store) {
            writable();
            StoredEvolution s = required(tag, "record the end of evolution " + tag);
            if (!s.evolution.status().isFinal()) s.evolution = with(s.evolution, status, s.evolution.runId(), at);
        }
    }

    @Override
    public void evolutionPolicy(String tag, String policyHash) {
        Objects.requireNonNull(policyHash, "policyHash");
        synchronized (store) {
            writable();
            StoredEvolution s = required(tag, "record the policy of evolution " + tag);
            Evolution e = s.evolution;
            s.evolution = new Evolution(e.tag(), e.generation(), e.rc(), e.changes(), e.status(), e.commit(), e.runId(),
                    e.allowDirty(), e.createdAt(), e.finishedAt(), policyHash);
        }
    }

    @Override
    public void evolutionTagged(String tag, Instant at) {
        Objects.requireNonNull(at, "at");
        synchronized (store) {
            writable();
            StoredEvolution s = required(tag, "record the tag of evolution " + tag);
            if (s.taggedAt == null) s.taggedAt = at;
        }
    }

    @Override
    public List<Evolution> untaggedEvolutions() {
        synchronized (store) {
            store.requireOpen();
            return evolutions.values().stream().filter(s -> s.evolution.status().isFinal() && s.taggedAt == null)
                    .map(s -> s.evolution).toList();
        }
    }

    @Override
    public Optional<Evolution> evolution(String tag) {
        synchronized (store) {
            store.requireOpen();
            return Optional.ofNullable(evolutions.get(tag)).map(s -> s.evolution);
        }
    }

    @Override
    public List<Evolution> evolutions(String version) {
        synchronized (store) {
            store.requireOpen();
            return evolutionsOf(version).stream().map(s -> s.evolution).toList();
        }
    }

    @Override
    public List<OwnedEvolution> unfinishedEvolutions() {
        synchronized (store) {
            store.requireOpen();
            return evolutions.values().stream().filter(s -> !s.evolution.status().isFinal())
                    .map(s -> new OwnedEvolution(s.evolution, s.owner)).toList();
        }
    }

    @Override
    public List<ChangeEvidence> evidence(String version) {
        Objects.requireNonNull(version, "version");
        synchronized (store) {
            store.requireOpen();
            StoredGeneration g = generations.get(version);
            if (g == null) return List.of();
            List<ChangeEvidence> all = new ArrayList<>();
            for (Change c : g.generation.changes()) {
                Evolution latest = null;
                Evolution pass = null;
                for (StoredEvolution s : evolutionsOf(version)) {
                    Evolution e = s.evolution;
                    if (!e.changes().contains(c.id())) continue;
                    if (e.status() == EvolutionStatus.PASS || e.status() == EvolutionStatus.FAIL) latest = e;
                    if (e.status() == EvolutionStatus.PASS) pass = e;
                }
                all.add(new ChangeEvidence(c, ref(latest), ref(pass)));
            }
            return all;
        }
    }

    @Override
    public int countEvolutions(String version, EvolutionStatus status) {
        Objects.requireNonNull(status, "status");
        synchronized (store) {
            store.requireOpen();
            return (int) evolutionsOf(version).stream().filter(s -> s.evolution.status() == status).count();
        }
    }

    @Override
    public List<Artifact> artifacts(Collection<String> runIds) {
        synchronized (store) {
            Map<List<String>, Long> sizes = new TreeMap<>(Comparator.<List<String>, String>comparing(k -> k.get(0))
                    .thenComparing(k -> k.get(1)));
            for (String runId : new LinkedHashSet<>(runIds)) {
                for (DataRow r : store.dataRows(runId)) {
                    if (r.kind() != DataRow.Kind.ARTIFACT || r.sha256() == null) continue;
                    long size = r.number() == null ? 0 : r.number().longValue();
                    sizes.merge(List.of(r.name(), r.sha256()), size, Math::max);
                }
            }
            List<Artifact> all = new ArrayList<>();
            sizes.forEach((k, size) -> all.add(new Artifact(k.get(0), size, k.get(1))));
            return all;
        }
    }

    @Override
    public long recordPromotion(String version, String commit, String tag, PromotionStatus status, String reportJson,
                                Instant at) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        synchronized (store) {
            writable();
            StoredGeneration g = generations.get(version);
            if (g == null) {
                throw new BadInputException("cannot record a promotion of unknown generation " + version
                        + ": it is not recorded in " + store.location());
            }
            boolean releasing = status == PromotionStatus.PENDING || status == PromotionStatus.COMPLETED;
            if (releasing && promotionsOf(version).stream()
                    .anyMatch(p -> p.status == PromotionStatus.PENDING || p.status == PromotionStatus.COMPLETED)) {
                throw new BadInputException("a promotion of " + version + " is already in progress or completed");
            }
            List<OwnedEvolution> inProgress = releasing ? evolutionsOf(version).stream()
                    .filter(e -> e.evolution.status() == EvolutionStatus.PENDING || e.evolution.status() == EvolutionStatus.RUNNING)
                    .map(e -> new OwnedEvolution(e.evolution, e.owner)).toList() : List.of();
            if (!inProgress.isEmpty()) throw new EvolutionsInProgressException(version, inProgress);
            StoredPromotionRow p = new StoredPromotionRow(nextId++, version, commit, tag, status, reportJson, at);
            if (status != PromotionStatus.PENDING) p.finishedAt = at;
            promotions.put(p.id, p);
            if (status == PromotionStatus.COMPLETED) promote(g, null, at);
            return p.id;
        }
    }

    @Override
    public void completePromotion(long id, String contractHash, Instant at) {
        Objects.requireNonNull(at, "at");
        synchronized (store) {
            writable();
            StoredPromotionRow p = promotion(id, "complete");
            if (p.status == PromotionStatus.COMPLETED) return;
            if (p.status != PromotionStatus.PENDING) {
                throw new StoreException(store.location() + ": cannot complete promotion " + id + " of " + p.version
                        + ": it is " + p.status.label() + ", not pending");
            }
            p.status = PromotionStatus.COMPLETED;
            p.reportJson = ReportStatus.set(p.reportJson, p.status);
            p.finishedAt = at;
            promote(generations.get(p.version), contractHash, at);
        }
    }

    @Override
    public void endPromotion(long id, PromotionStatus status, Instant at) {
        Objects.requireNonNull(at, "at");
        if (Objects.requireNonNull(status, "status") == PromotionStatus.PENDING || status == PromotionStatus.COMPLETED) {
            throw new IllegalArgumentException("a promotion cannot end as " + status.label()
                    + " (completePromotion completes one): promotion " + id);
        }
        synchronized (store) {
            writable();
            StoredPromotionRow p = promotion(id, "end");
            if (p.status == PromotionStatus.PENDING) {
                p.status = status;
                p.reportJson = ReportStatus.set(p.reportJson, status);
                p.finishedAt = at;
            }
        }
    }

    @Override
    public List<StoredPromotion> pendingPromotions() {
        synchronized (store) {
            store.requireOpen();
            return promotions.values().stream().filter(p -> p.status == PromotionStatus.PENDING)
                    .map(StoredPromotionRow::stored).toList();
        }
    }

    @Override
    public List<StoredPromotion> promotions(String version) {
        synchronized (store) {
            store.requireOpen();
            return promotionsOf(version).stream().map(StoredPromotionRow::stored).toList();
        }
    }

    /** The generations by creation, for the typed reads (caller holds the lock). */
    List<StoredGeneration> storedGenerations() {
        return generations.values().stream()
                .sorted(Comparator.comparing((StoredGeneration g) -> g.createdAt).thenComparingLong(g -> g.id)).toList();
    }

    /** A generation's evolutions by RC number (caller holds the lock). */
    List<StoredEvolution> evolutionsOf(String version) {
        return evolutions.values().stream().filter(s -> s.evolution.generation().equals(version))
                .sorted(Comparator.comparingInt(s -> s.evolution.rc())).toList();
    }

    /** Every evolution, in the order they were created (caller holds the lock). */
    List<StoredEvolution> allEvolutions() {
        return List.copyOf(evolutions.values());
    }

    /** A generation's promotions, oldest first (caller holds the lock). */
    List<StoredPromotionRow> promotionsOf(String version) {
        return promotions.values().stream().filter(p -> p.version.equals(version)).toList();
    }

    /** The stored generation {@code version}, or null (caller holds the lock). */
    StoredGeneration stored(String version) {
        return generations.get(version);
    }

    private void promote(StoredGeneration g, String contractHash, Instant at) {
        Generation s = g.generation;
        g.generation = new Generation(s.version(), s.description(), s.changes(), s.pipelineTemplate(), s.hotfixOf(),
                GenerationStatus.PROMOTED, contractHash != null ? contractHash : s.contractHash(), at);
    }

    private StoredPromotionRow promotion(long id, String verb) {
        StoredPromotionRow p = promotions.get(id);
        if (p == null) {
            throw new StoreException(store.location() + ": cannot " + verb + " promotion " + id + ": no such promotion");
        }
        return p;
    }

    private StoredEvolution required(String tag, String what) {
        StoredEvolution s = evolutions.get(Objects.requireNonNull(tag, "tag"));
        if (s == null) throw new StoreException(store.location() + ": cannot " + what + ": no such evolution");
        return s;
    }

    private void writable() {
        store.requireOpen();
    }

    private static Evolution with(Evolution e, EvolutionStatus status, String runId, Instant finishedAt) {
        return new Evolution(e.tag(), e.generation(), e.rc(), e.changes(), status, e.commit(), runId, e.allowDirty(),
                e.createdAt(), finishedAt, e.policyHash());
    }

    private static EvolutionRef ref(Evolution e) {
        return e == null ? null : new EvolutionRef(e.tag(), e.rc(), e.status(), e.commit(), e.runId());
    }
}
