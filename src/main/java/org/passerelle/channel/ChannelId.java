package org.passerelle.channel;

import java.util.Arrays;
import java.util.Locale;

/** The outside channels that ops can suspend and restore, each on its own. */
public enum ChannelId {
    SMS("sms", true),
    PAYMENTS("payments", true),
    SCHEDULING("scheduling", false);

    private final String id;
    private final boolean outbound;

    ChannelId(String id, boolean outbound) {
        this.id = id;
        this.outbound = outbound;
    }

    public String id() {
        return id;
    }

    /** Outbound channels call an outside service and therefore have a circuit breaker. */
    public boolean hasBreaker() {
        return outbound;
    }

    public static ChannelId fromId(String id) {
        if (id != null) {
            String wanted = id.toLowerCase(Locale.ROOT);
            for (ChannelId c : values()) {
                if (c.id.equals(wanted)) {
                    return c;
                }
            }
        }
        throw new UnknownChannelException(id);
    }

    public static String knownIds() {
        return String.join(", ", Arrays.stream(values()).map(ChannelId::id).toList());
    }

    @Override
    public String toString() {
        return id;
    }
}
