/**
 * The simulators of the {@code local} profile, so the whole flow runs on a laptop: an SMSC that sends
 * delivery receipts and a nexo terminal backend whose behaviour is chosen by the amount's last two digits, with
 * {@code /sandbox/*} to see what they received and a start-up banner with the demo logins. Loaded with the
 * {@code local} profile only; nothing depends on it. Depends on {@code sms.text} ({@code GsmAlphabet}).
 */
package org.passerelle.sandbox;
