/**
 * The text of an SMS, without Spring: the GSM 03.38 alphabet, transliteration to GSM-7, encoding into
 * GSM-7 or UCS-2 segments with our own concatenation header, reminder templates limited to six fields (no
 * department, speciality or reason), French dates, and the French sender ID rules. Offers
 * {@link org.passerelle.sms.text.SmsEncoder}, {@link org.passerelle.sms.text.EncodedSms},
 * {@link org.passerelle.sms.text.ReminderTemplate} and {@link org.passerelle.sms.text.SenderId} to {@code sms}, and
 * {@link org.passerelle.sms.text.GsmAlphabet} to {@code sandbox}. Depends on no Passerelle package.
 */
package org.passerelle.sms.text;
