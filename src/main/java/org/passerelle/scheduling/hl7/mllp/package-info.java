/**
 * Passerelle's {@code mllp} Camel component: camel-mllp 4.17 with a server consumer that
 * <ul>
 *   <li>admits each connection through a guard ({@code ListenerGuard}): senders outside the allowlist and connections
 *       over the limit are closed on accept, before anything is read, counted and logged; the guard's watchdog closes
 *       connections idle past the idle timeout (bytes outside frames are not activity) and frames stalled past the read
 *       timeout;
 *   <li>reads each connection one frame at a time (messages pipelined in one TCP read are all answered, CAMEL-24668),
 *       cuts a frame longer than the limit (the rest is read and dropped, the route is told by a header and answers),
 *       and pads frames shorter than 4 bytes so they get an AR instead of a reset;
 *   <li>has {@code logPhi=false} by default.
 * </ul>
 * Offers the {@code mllp:} scheme (bean {@code mllp}, registered by {@code scheduling.hl7}) and, to
 * {@code scheduling.hl7}, {@code PipelinedMllpComponent}, {@code ListenerLimits}, {@code ListenerStatus} and
 * {@code SenderAllowlist}. Depends on no Passerelle package. Once Camel has CAMEL-24668 fixed, the frame alignment can
 * go; the guard stays. {@code Hl7IntakeTest} and {@code Hl7ListenerLimitsTest} hold the behaviour.
 */
package org.passerelle.scheduling.hl7.mllp;
