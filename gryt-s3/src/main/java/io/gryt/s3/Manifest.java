package io.gryt.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A folder's {@code manifest.json}: what it is about, then every object uploaded to it ({@code key, role, name,
 * size, sha256}) and what could not be ({@code role, name, reason}), in upload order. Its content depends only on
 * the event and the records, so that delivering an event again writes the same manifest.
 */
final class Manifest {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode objects;
    private final ArrayNode missing;

    Manifest(String kind, String eventId, String eventType) {
        root.put("kind", kind);
        root.put("event_id", eventId);
        root.put("event", eventType);
        objects = JSON.createArrayNode();
        missing = JSON.createArrayNode();
    }

    /** The facts about what the folder holds (set before the objects, so they come first). */
    ObjectNode about() {
        return root;
    }

    void uploaded(String role, String name, UploadedObject o) {
        ObjectNode n = objects.addObject();
        n.put("key", o.key());
        n.put("role", role);
        n.put("name", name);
        n.put("size", o.size());
        n.put("sha256", o.sha256());
    }

    void missing(String role, String name, String reason) {
        ObjectNode n = missing.addObject();
        n.put("role", role);
        n.put("name", name);
        n.put("reason", reason);
    }

    byte[] toBytes() {
        ObjectNode out = root.deepCopy();
        out.set("objects", objects);
        out.set("missing", missing);
        return bytes(out);
    }

    static byte[] bytes(Object node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
