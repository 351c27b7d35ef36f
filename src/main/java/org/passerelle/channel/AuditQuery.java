package org.passerelle.channel;

import java.time.OffsetDateTime;

/** Filter and page of an audit read; null filters match everything. */
public record AuditQuery(ChannelId channel, String actor, AuditAction action, Long incidentId,
                         OffsetDateTime from, OffsetDateTime to, int page, int size) {

    public AuditQuery(ChannelId channel, OffsetDateTime from, OffsetDateTime to, int page, int size) {
        this(channel, null, null, null, from, to, page, size);
    }
}
