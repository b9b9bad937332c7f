package dev.handover.runner.journal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.handover.core.event.HandoverEvent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TicketId;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes and reads journal lines. A line is the event's fields, its {@code type}, and a {@code labels} object; ids are
 * plain strings, instants and durations ISO-8601. The same mapper writes the runner's JSON output.
 */
public final class EventCodec {
    private static final ObjectMapper MAPPER = mapper();

    private EventCodec() {}

    /** The runner's JSON mapper: ids as strings, times as ISO-8601, absent optionals as null. */
    public static ObjectMapper mapper() {
        SimpleModule ids = new SimpleModule("handover-ids");
        id(ids, TicketId.class, TicketId::value, TicketId::new);
        id(ids, AgentId.class, AgentId::value, AgentId::new);
        id(ids, GroupId.class, GroupId::value, GroupId::new);
        id(ids, HandoverId.class, HandoverId::value, HandoverId::new);
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .addModule(ids)
                .addMixIn(HandoverEvent.class, EventTypes.class)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                // a newer worker may add fields; an older report still reads the line
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    private static <T> void id(
            SimpleModule module, Class<T> type, Function<T, String> write, Function<String, T> read) {
        module.addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(write.apply(value));
            }
        });
        module.addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                try {
                    return read.apply(text);
                } catch (IllegalArgumentException e) {
                    return ctxt.reportInputMismatch(type, "%s", e.getMessage());
                }
            }
        });
    }

    /** One journal line, without the line break. */
    static String write(JournalEntry entry) {
        ObjectNode node = MAPPER.valueToTree(entry.event());
        if (!entry.labels().isEmpty()) {
            node.set("labels", MAPPER.valueToTree(new java.util.TreeMap<>(entry.labels())));
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a " + entry.event().type() + " event cannot be written as JSON", e);
        }
    }

    /** Reads one line; throws {@link JsonProcessingException} when it is not a journal line. */
    static JournalEntry read(String line) throws JsonProcessingException {
        JsonNode tree = MAPPER.readTree(line);
        if (!(tree instanceof ObjectNode node)) {
            throw new JsonProcessingException("not a JSON object") {};
        }
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode l = node.remove("labels");
        if (l != null) {
            l.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        HandoverEvent event = MAPPER.treeToValue(node, HandoverEvent.class);
        if (event == null) {
            throw new JsonProcessingException("an empty line") {};
        }
        return new JournalEntry(event, labels);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = HandoverEvent.Planned.class, name = "planned"),
        @JsonSubTypes.Type(value = HandoverEvent.Executed.class, name = "executed"),
        @JsonSubTypes.Type(value = HandoverEvent.ReceiverChosen.class, name = "receiver-chosen"),
        @JsonSubTypes.Type(value = HandoverEvent.Refused.class, name = "refused"),
        @JsonSubTypes.Type(value = HandoverEvent.Failed.class, name = "failed"),
        @JsonSubTypes.Type(value = HandoverEvent.Warned.class, name = "warned"),
        @JsonSubTypes.Type(value = HandoverEvent.Acknowledged.class, name = "acknowledged"),
        @JsonSubTypes.Type(value = HandoverEvent.Reminded.class, name = "reminded"),
        @JsonSubTypes.Type(value = HandoverEvent.ActionCompleted.class, name = "action-completed"),
        @JsonSubTypes.Type(value = HandoverEvent.Escalated.class, name = "escalated"),
        @JsonSubTypes.Type(value = HandoverEvent.Retargeted.class, name = "retargeted"),
        @JsonSubTypes.Type(value = HandoverEvent.FollowUpClosed.class, name = "follow-up-closed"),
        @JsonSubTypes.Type(value = HandoverEvent.Reconciled.class, name = "reconciled"),
        @JsonSubTypes.Type(value = HandoverEvent.FeedbackGiven.class, name = "feedback")
    })
    private interface EventTypes {}
}
