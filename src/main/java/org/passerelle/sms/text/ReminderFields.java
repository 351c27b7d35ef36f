package org.passerelle.sms.text;

/**
 * Everything a reminder SMS may say. There is deliberately no field for the department,
 * speciality or reason of the visit: those can reveal health data and must never reach an SMS.
 *
 * <p>A field may be null when the template does not use its placeholder.
 *
 * @param date          e.g. "mardi 3 mars" ({@code {date}})
 * @param time          e.g. "14h30" ({@code {heure}})
 * @param siteLabel     the site's name ({@code {site}})
 * @param siteAddress   the site's address ({@code {adresse}})
 * @param callbackPhone number to call to cancel or move ({@code {rappel}})
 * @param reference     appointment reference ({@code {reference}})
 */
record ReminderFields(String date, String time, String siteLabel, String siteAddress,
                             String callbackPhone, String reference) {
}
