package org.passerelle.channel;

import java.time.OffsetDateTime;

/** Filter and page of an audit read; null filters match everything. */
record AuditQuery(ChannelId channel, OffsetDateTime from, OffsetDateTime to, int page, int size) {
}
