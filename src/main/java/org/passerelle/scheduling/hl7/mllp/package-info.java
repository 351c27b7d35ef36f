/**
 * Passerelle's {@code mllp} Camel component: camel-mllp 4.17 with a server consumer that reads each
 * connection one frame at a time (messages pipelined in one TCP read are all answered, CAMEL-24668), pads frames
 * shorter than 4 bytes so they get an AR instead of a reset, and has {@code logPhi=false} by default. Offers the
 * {@code mllp:} scheme (bean {@code mllp}). Depends on no Passerelle package. Remove it once Camel has CAMEL-24668
 * fixed; {@code Hl7IntakeTest} still holds the behaviour.
 */
package org.passerelle.scheduling.hl7.mllp;
