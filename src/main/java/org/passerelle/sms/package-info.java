/**
 * SMS reminders over SMPP, but not their text: the steps of {@code routes/sms-reminders.yaml} and
 * {@code routes/sms-inbound.yaml} ({@code ReminderDispatcher}, {@code SmsHousekeeping}, {@code SmsInbound},
 * {@code SegmentRateLimiter}), phone numbers (libphonenumber, region FR) and opt-outs, what an SMPP error means for
 * a reminder and for the breaker, and the SMPP connections under the kill switch: {@code SmscComponent}
 * ({@code smsc:receiver} / {@code smsc:transmitter}, the one SMSC configured from {@code passerelle.sms.smsc.*}),
 * {@code SmscLink} (runs the two SMPP routes, {@code autoStartup: false}, only while {@code sms} is not isolated;
 * {@code isolate} returns with both binds closed), {@code SmscConnections} (opens every SMPP socket, refuses while
 * isolated) and {@code FreshSmppConsumer} / {@code FreshSmppProducer}. The two camel-smpp subclasses that let
 * {@code SmscConnections} open the sockets live in {@code org.apache.camel.component.smpp}, because camel-smpp's
 * only hook, {@code createSMPPSession()}, is package-private. Offers {@code ReminderDispatcher},
 * {@code SmsHousekeeping}, {@code SmsInbound} and {@code SegmentRateLimiter}, public only because routes call them
 * by name, and the {@code smsc:} scheme to routes; {@code scheduling} sees it only through {@code PhonePolicy}.
 * Depends on {@code scheduling}, {@code sms.text}, {@code channel}, {@code privacy} and {@code retry}.
 */
package org.passerelle.sms;
