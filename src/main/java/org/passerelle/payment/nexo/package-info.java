/**
 * The nexo Sale-to-POI JSON dialect of the terminal backend: building SaleToPOIRequest messages
 * (unique ServiceID, follow-ups naming the original by SaleID + ServiceID), reading answers leniently (an unknown
 * value is never a decline), amounts converted between minor and decimal major units at the edge only, and card
 * fields masked at the edge. Offers {@code NexoMessages}, {@code NexoReplies},
 * {@code MessageCategory}, {@code ServiceIds}, {@code TerminalAnswer}, {@code StatusAnswer}, {@code Verdict} and
 * {@code TerminalBackendException} to {@code payment}. Depends on no Passerelle package.
 */
package org.passerelle.payment.nexo;
