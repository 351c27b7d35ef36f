package org.passerelle.channel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What the control plane remembers of incidents and control changes, for the console and the incident report:
 * the incidents, each one's audit timeline and reopening requests, the counts of work recorded at each step, and
 * the filtered audit.
 */
@Service
public class IncidentHistory {

    private static final int TIMELINE_LIMIT = 500;

    private final ChannelStore store;
    private final AuditLog audit;
    private final ReopenRequests requests;

    public IncidentHistory(ChannelStore store, AuditLog audit, ReopenRequests requests) {
        this.store = store;
        this.audit = audit;
        this.requests = requests;
    }

    public List<IncidentRecord> incidents(int limit) {
        return store.incidents(limit);
    }

    public Optional<IncidentRecord> incident(long id) {
        return Optional.ofNullable(store.incident(id));
    }

    /** The open incident, if the hospital is isolated now. */
    public Optional<IncidentRecord> openIncident() {
        Long id = store.snapshot().openIncidentId();
        return id == null ? Optional.empty() : incident(id);
    }

    /** The incident's audit entries, oldest first (isolation, reopening requests, restores, suspensions out of it). */
    public List<AuditEntry> timeline(long incidentId) {
        List<AuditEntry> entries = new ArrayList<>(audit.find(
                new AuditQuery(null, null, null, incidentId, null, null, 0, TIMELINE_LIMIT)).items());
        Collections.reverse(entries);
        return entries;
    }

    public List<ReopenRequest> reopenings(long incidentId) {
        return requests.ofIncident(incidentId);
    }

    public List<IncidentWork> work(long incidentId) {
        return store.work(incidentId);
    }

    public void recordWork(long incidentId, IncidentWork work) {
        store.recordWork(incidentId, work);
    }

    public AuditPage audit(AuditQuery query) {
        return audit.find(query);
    }
}
