package org.passerelle.channel;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.security.Principal;
import java.util.EnumSet;
import java.util.Set;
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

    public IncidentController(ChannelControl control, ChannelStatusView status, ChannelStore store) {
        this.control = control;
        this.status = status;
        this.store = store;
    }

    @Operation(summary = "Isolate: every channel stops all outside traffic; opens one incident")
    @PostMapping("/isolate")
    public ChangeResponse isolate(@Valid @RequestBody ReasonRequest body, Principal user) {
        return response(control.isolate(user.getName(), body.reason()));
    }

    @Operation(summary = "Restore the named channels; the incident closes when no channel is isolated any more")
    @PostMapping("/restore")
    public ChangeResponse restore(@Valid @RequestBody RestoreRequest body, Principal user) {
        Set<ChannelId> channels = EnumSet.noneOf(ChannelId.class);
        body.channels().forEach(c -> channels.add(ChannelId.fromId(c)));
        return response(control.restore(channels, user.getName(), body.reason()));
    }

    private ChangeResponse response(ChannelControl.ChangeResult result) {
        Long incidentId = store.snapshot().openIncidentId();
        IncidentRecord incident = incidentId == null ? store.latestIncident() : store.incident(incidentId);
        return new ChangeResponse(result.channels().stream().map(status::of).toList(), result.callsStillInFlight(), incident);
    }
}
