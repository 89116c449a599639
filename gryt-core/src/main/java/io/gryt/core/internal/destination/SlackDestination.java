package io.gryt.core.internal.destination;

import io.gryt.api.spi.Delivery;
import io.gryt.api.spi.Destination;
import io.gryt.api.spi.DestinationProvider;
import io.gryt.api.spi.DestinationSettings;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Slack incoming webhook ({@code type: slack}): one concise message per event. Settings: {@code webhook_url_env}
 * (the environment variable holding the webhook URL, a secret), {@code report_url} (optional: a link added to each
 * message, {@code {subject}} replaced by the generation or run the event is about).
 */
final class SlackDestination implements Destination {
    private final String name;
    private final Set<String> events;
    private final URI webhook;
    private final Optional<String> reportUrl;
    private final Http http = new Http();

    SlackDestination(DestinationSettings settings) {
        this.name = settings.name();
        this.events = settings.events();
        this.webhook = Http.uri(settings, "webhook_url");
        this.reportUrl = settings.setting("report_url");
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
        http.send("POST", webhook, "application/json", message(delivery), Map.of());
    }

    /** The JSON body: {@code {"text": "..."}}. */
    String message(Delivery delivery) {
        String text = EventText.of(delivery.event());
        String subject = EventText.subject(delivery.event());
        if (reportUrl.isPresent() && (subject != null || !reportUrl.get().contains("{subject}"))) {
            String link = reportUrl.get().replace("{subject}",
                    subject == null ? "" : URLEncoder.encode(subject, StandardCharsets.UTF_8));
            text += " <" + link + "|report>";
        }
        return EventJson.MAPPER.createObjectNode().put("text", text).toString();
    }

    /** Creates {@code type: slack} destinations. */
    public static final class Provider implements DestinationProvider {
        @Override
        public String type() {
            return "slack";
        }

        @Override
        public Destination create(DestinationSettings settings) {
            return new SlackDestination(settings);
        }
    }
}
