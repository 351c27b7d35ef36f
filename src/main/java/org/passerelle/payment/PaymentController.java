package org.passerelle.payment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import org.passerelle.api.ProblemHandling;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

@Tag(name = "Payments", description = "Card payments at the cashier through the nexo terminal backend")
@Validated
@RestController
@RequestMapping("/api/payments")
class PaymentController {

    private static final String ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String ID_MESSAGE = "a payment id (UUID, lower case)";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final PaymentIntake intake;
    private final PaymentQueries queries;
    private final PaymentLongPolls longPolls;
    private final PaymentCancellation cancellation;
    private final RefundService refunds;
    private final Reconciliation reconciliation;
    private final PaymentProperties properties;

    public PaymentController(PaymentIntake intake, PaymentQueries queries, PaymentLongPolls longPolls,
                             PaymentCancellation cancellation,
                             RefundService refunds, Reconciliation reconciliation, PaymentProperties properties) {
        this.intake = intake;
        this.queries = queries;
        this.longPolls = longPolls;
        this.cancellation = cancellation;
        this.refunds = refunds;
        this.reconciliation = reconciliation;
        this.properties = properties;
    }

    @Operation(summary = "Take a card payment on a terminal: 202 at once, the payment runs in the background; "
            + "the same Idempotency-Key and body again returns the same payment (200)")
    @PostMapping
    public ResponseEntity<PaymentView> create(
            @Parameter(description = "Unique per payment attempt, e.g. a UUID; required")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody NewPayment body, Principal user) {
        PaymentIntake.Accepted accepted = intake.accept(body, user.getName(), idempotencyKey);
        PaymentView view = accepted.replayed() ? queries.view(accepted.payment()) : queries.viewOfNew(accepted.payment());
        return ResponseEntity.status(accepted.replayed() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .location(URI.create("/api/payments/" + view.id()))
                .header("Idempotent-Replayed", Boolean.toString(accepted.replayed()))
                .body(view);
    }

    @Operation(summary = "A payment; with ?wait=30s the answer waits (at most 60 s) until the outcome is known")
    @GetMapping("/{id}")
    public DeferredResult<PaymentView> get(@PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String id,
                                           @RequestParam(required = false) String wait) {
        return longPolls.await(id, WaitParameter.parse(wait, properties.maxWait()));
    }

    @Operation(summary = "Ask the terminal to abort while the card prompt is open (AbortRequest); "
            + "the payment's own outcome follows")
    @PostMapping("/{id}/cancel")
    public ResponseEntity<PaymentView> cancel(@PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String id) {
        cancellation.cancel(id);
        return ResponseEntity.accepted().body(queries.view(id));
    }

    @Operation(summary = "Refund all (no amount) or part of an approved payment (ReversalRequest); never above what "
            + "is left; idempotent with its own Idempotency-Key")
    @PostMapping("/{id}/refunds")
    public ResponseEntity<RefundView> refund(@PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String id,
                                             @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                                             @Valid @RequestBody(required = false) NewRefund body, Principal user) {
        RefundService.Outcome outcome = refunds.refund(id, body, user.getName(), idempotencyKey);
        Refund r = outcome.refund();
        HttpStatus status = outcome.replayed() ? HttpStatus.OK
                : r.state() == RefundState.SUCCEEDED || r.state() == RefundState.FAILED ? HttpStatus.CREATED
                : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).header("Idempotent-Replayed", Boolean.toString(outcome.replayed()))
                .body(RefundView.of(r));
    }

    /**
     * The security firewall refuses a header value outside printable ASCII when Spring first reads the headers
     * (binding the body); without this it ends as a 500 logged as unexpected. On the payment API the header a
     * client chooses is the Idempotency-Key.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> headerRejected(RequestRejectedException e) {
        PaymentProblems.KeyRequired problem = PaymentProblems.KeyRequired.notAscii();
        return ResponseEntity.status(problem.status())
                .body(ProblemHandling.problem(problem.status(), problem.type(), problem.title(), problem.getMessage()));
    }

    @Operation(summary = "End-of-day report (default: today): totals per terminal and state, refunds, "
            + "payments needing a human")
    @GetMapping("/reconciliation")
    public ReconciliationReport reconciliation(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        LocalDate day = date == null ? LocalDate.now(properties.zone()) : date;
        if (day.isBefore(Reconciliation.FIRST_DAY) || day.isAfter(Reconciliation.LAST_DAY)) {
            throw new PaymentProblems.DateOutOfRange();
        }
        return reconciliation.of(day);
    }
}
