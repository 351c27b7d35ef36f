package org.passerelle.scheduling;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.time.ZoneId;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Appointments", description = "Appointment intake for SMS reminders")
@Validated
@RestController
@RequestMapping("/api/appointments")
class AppointmentController {

    private static final String ID = AppointmentIds.PATTERN;

    private final AppointmentIntake intake;
    private final AppointmentViews views;
    private final ReminderProperties reminders;

    public AppointmentController(AppointmentIntake intake, AppointmentViews views, ReminderProperties reminders) {
        this.intake = intake;
        this.views = views;
        this.reminders = reminders;
    }

    @Operation(summary = "Create or replace an appointment; the same body twice changes nothing")
    @PutMapping("/{id}")
    public ResponseEntity<AppointmentView> put(
            @PathVariable @Pattern(regexp = ID, message = "1-64 letters, digits, . _ -") String id,
            @Valid @RequestBody AppointmentRequest body) {
        ZoneId zone = body.timeZone() == null ? reminders.zone() : ZoneId.of(body.timeZone());
        AppointmentCommand command = new AppointmentCommand(id, AppointmentCommand.IntakeSource.REST,
                body.patientPhone(), body.start().atZoneSameInstant(zone), body.siteCode(),
                !Boolean.FALSE.equals(body.smsReminders()));
        AppointmentIntake.Result result = intake.upsert(command);
        HttpStatus status = result.outcome() == AppointmentIntake.Outcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK;
        return ResponseEntity.status(status).body(result.appointment());
    }

    @Operation(summary = "Cancel an appointment and its pending reminders")
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> cancel(@PathVariable @Pattern(regexp = ID, message = "1-64 letters, digits, . _ -") String id) {
        if (!intake.cancel(id, AppointmentStatus.CANCELLED)) {
            throw new AppointmentNotFoundException(id);
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "An appointment with its reminders and their delivery states")
    @GetMapping("/{id}")
    public AppointmentView get(@PathVariable @Pattern(regexp = ID, message = "1-64 letters, digits, . _ -") String id) {
        return views.of(id);
    }
}
