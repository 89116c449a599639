package io.gryt.core.internal.destination;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gryt.api.spi.Delivery;
import io.gryt.api.spi.Destination;
import io.gryt.api.spi.DestinationProvider;
import io.gryt.api.spi.DestinationSettings;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Any HTTP endpoint ({@code type: webhook}): each event POSTed as a CloudEvents 1.0 structured-mode JSON document
 * ({@code application/cloudevents+json}), its {@code id} the delivery's stable id, signed with HMAC-SHA256 over the
 * exact body bytes in header {@value #SIGNATURE} ({@code sha256=<hex>}). Settings: {@code url} (or {@code url_env}),
 * {@code secret_env} (required: the environment variable holding the signing key), {@code source} (the CloudEvents
 * {@code source}, {@code urn:gryt} by default).
 */
final class WebhookDestination implements Destination {
    /** The signature header. */
    static final String SIGNATURE = "X-Gryt-Signature";
    static final String CONTENT_TYPE = "application/cloudevents+json";

    private final String name;
    private final Set<String> events;
    private final URI url;
    private final byte[] key;
    private final String source;
    private final Http http = new Http();

    WebhookDestination(DestinationSettings settings) {
        this.name = settings.name();
        this.events = settings.events();
        this.url = Http.uri(settings, "url");
        this.key = settings.secret("secret").orElseThrow(() -> settings.problem("setting 'secret_env' (the name of an"
                + " environment variable holding the signing key) is required")).getBytes(StandardCharsets.UTF_8);
        this.source = settings.setting("source").orElse("urn:gryt");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> events() {
        return events;
    }

    @Override
    public void deliver(Delivery delivery) throws Exception {
        String body = cloudEvent(delivery);
        http.send("POST", url, CONTENT_TYPE, body, Map.of(SIGNATURE, "sha256=" + sign(key, body),
                "X-Gryt-Delivery-Attempt", Integer.toString(delivery.attempt())));
    }

    /** The CloudEvents 1.0 structured-mode document of {@code delivery}. */
    String cloudEvent(Delivery delivery) throws IOException {
        ObjectNode event = EventJson.MAPPER.createObjectNode()
                .put("specversion", "1.0")
                .put("id", delivery.id())
                .put("source", source)
                .put("type", "io.gryt." + delivery.event().type())
                .put("time", delivery.event().at().toString())
                .put("datacontenttype", "application/json");
        String subject = EventText.subject(delivery.event());
        if (subject != null) event.put("subject", subject);
        event.set("data", EventJson.MAPPER.readTree(delivery.json()));
        return event.toString();
    }

    /** The lower-case hex HMAC-SHA256 of {@code body}'s UTF-8 bytes under {@code key}. */
    static String sign(byte[] key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no HmacSHA256", e);
        }
    }

    /** Creates {@code type: webhook} destinations. */
    public static final class Provider implements DestinationProvider {
        @Override
        public String type() {
            return "webhook";
        }

        @Override
        public Destination create(DestinationSettings settings) {
            return new WebhookDestination(settings);
        }
    }
}
