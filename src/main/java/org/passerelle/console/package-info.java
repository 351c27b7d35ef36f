/**
 * The ops console ({@code /ops}, role OPS; AUDITOR reads the same pages without any action): a card per channel
 * refreshed from {@code /ops/state}, every control change behind a confirmation that names its consequence with live
 * counts ({@code /ops/preview}, then {@code /ops/actions}), isolate and the one-by-one restore with the four-eyes
 * approval, the filterable audit ({@code /ops/audit}) and the incident reports ({@code /ops/incidents/{id}}, also as
 * JSON and CSV). Counts only: no patient data on any page. Offers no types to other packages; depends on
 * {@code channel} (control, approvals, history), {@code scheduling} ({@code ReminderFigures}), {@code payment}
 * ({@code PaymentFigures}) and {@code api} ({@code ClientProblem}).
 */
package org.passerelle.console;
