package org.passerelle.channel;

import java.util.EnumMap;
import java.util.Map;

/** Everything a replica needs to apply the desired state: read in one go, versioned by revision. */
record ControlSnapshot(long revision, Map<ChannelId, ChannelRecord> channels, Long openIncidentId) {

    public ControlSnapshot {
        channels = Map.copyOf(new EnumMap<>(channels));
    }

    public ChannelRecord channel(ChannelId id) {
        return channels.get(id);
    }
}
