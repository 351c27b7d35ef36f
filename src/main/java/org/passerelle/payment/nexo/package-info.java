/**
 * The nexo Sale-to-POI JSON dialect of the terminal backend: building SaleToPOIRequest messages
 * (unique ServiceID, follow-ups naming the original by SaleID + ServiceID), the request on its way through a
 * payments route ({@code TerminalRequest}), the two ends of the route around the HTTP call ({@code NexoHttp}: the
 * body and the only headers that leave, then the HTTP status and JSON read into an answer), what an I/O failure
 * means for money ({@code NexoTransportFailures}: never delivered, or no answer), reading answers leniently (an
 * unknown value is never a decline), amounts converted between minor and decimal major units at the edge only, and
 * card fields masked at the edge. Offers {@code NexoMessages}, {@code MessageCategory}, {@code ServiceIds},
 * {@code TerminalRequest}, {@code NexoHttp}, {@code NexoTransportFailures}, {@code NexoReplies},
 * {@code TerminalAnswer}, {@code StatusAnswer}, {@code Verdict} and {@code TerminalBackendException} to
 * {@code payment}. Depends on no Passerelle package.
 */
package org.passerelle.payment.nexo;
