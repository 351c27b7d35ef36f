/**
 * SMS reminders over SMPP, but not their text: the steps of {@code routes/sms-reminders.yaml} and
 * {@code routes/sms-inbound.yaml} ({@code ReminderDispatcher}, {@code SmsHousekeeping}, {@code SmsInbound}), phone
 * numbers (libphonenumber, region FR) and opt-outs, the segment rate limiter, what an SMPP error means for a
 * reminder and for the breaker, and cutting the SMPP connections on isolation. Offers no types to other packages:
 * routes call its beans by name and {@code scheduling} sees it only through {@code PhonePolicy}. Depends on
 * {@code scheduling}, {@code sms.text}, {@code channel} and {@code privacy}.
 */
package org.passerelle.sms;
