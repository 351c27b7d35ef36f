package org.passerelle.channel;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.security.Principal;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Incident", description = "Isolate the hospital in one action, restore channels one by one")
@RestController
@RequestMapping("/api/incident")
class IncidentController {

    private final ChannelControl control;
    private final ChannelStatusView status;
    private final ChannelStore store;
    private final ReopenApprovals approvals;

    public IncidentController(ChannelControl control, ChannelStatusView status, ChannelStore store, ReopenApprovals approvals) {
        this.control = control;
        this.status = status;
        this.store = store;
        this.approvals = approvals;
    }

    @Operation(summary = "Isolate: every channel stops all outside traffic; opens one incident")
    @PostMapping("/isolate")
    public ChangeResponse isolate(@Valid @RequestBody ReasonRequest body, Principal user) {
        return response(control.isolate(user.getName(), body.reason()));
    }

    @Operation(summary = "Restore the named channels; the incident closes when no channel is isolated any more. "
            + "With passerelle.channels.four-eyes-restore on: 202, a request another ops user must approve")
    @PostMapping("/restore")
    public ResponseEntity<ChangeResponse> restore(@Valid @RequestBody RestoreRequest body, Principal user) {
        Set<ChannelId> channels = EnumSet.noneOf(ChannelId.class);
        body.channels().forEach(c -> channels.add(ChannelId.fromId(c)));
        ReopenApprovals.Outcome outcome = approvals.restore(channels, user.getName(), body.reason());
        if (outcome.pending() != null) {
            return ResponseEntity.accepted().body(new ChangeResponse(
                    channels.stream().map(status::of).toList(), 0, store.incident(store.snapshot().openIncidentId()), outcome.pending()));
        }
        return ResponseEntity.ok(response(outcome.result()));
    }

    @Operation(summary = "Reopening requests waiting for a second ops user (four-eyes)")
    @GetMapping("/reopenings")
    public List<ReopenRequest> pendingReopenings() {
        return approvals.pending();
    }

    @Operation(summary = "Approve a reopening request: its channels reopen now; the requester cannot approve it")
    @PostMapping("/reopenings/{id}/approve")
    public ChangeResponse approve(@PathVariable long id, @Valid @RequestBody ReasonRequest body, Principal user) {
        return response(approvals.approve(id, user.getName(), body.reason()));
    }

    private ChangeResponse response(ChannelControl.ChangeResult result) {
        Long incidentId = store.snapshot().openIncidentId();
        IncidentRecord incident = incidentId == null ? store.latestIncident() : store.incident(incidentId);
        return new ChangeResponse(result.channels().stream().map(status::of).toList(), result.callsStillInFlight(), incident);
    }
}
