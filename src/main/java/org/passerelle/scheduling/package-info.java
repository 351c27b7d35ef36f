/**
 * Appointments and when their reminders go out: the REST intake ({@code /api/appointments/{id}}),
 * {@link org.passerelle.scheduling.AppointmentIntake} (store and plan in one transaction), the reminder policy and
 * stores, and {@link org.passerelle.scheduling.ReminderQueue}, the door through which {@code sms} claims due reminders
 * and reports what became of them. Offers {@code AppointmentIntake}, {@code AppointmentCommand},
 * {@code AppointmentId} (the one id rule of REST and HL7), {@code AppointmentStatus},
 * {@code IntakeSuspendedException}, {@code InvalidAppointmentException} and {@code ReminderProperties} to
 * {@code scheduling.hl7}; {@code ReminderQueue}, {@code ReminderToSend}, {@code ReminderStatus},
 * {@code SiteProperties} and the {@link org.passerelle.scheduling.PhonePolicy} interface (implemented by {@code sms})
 * to {@code sms}; {@code ReminderFigures} (read-only counts) to {@code console}. Depends on {@code channel}, {@code privacy} and {@code api}.
 */
package org.passerelle.scheduling;
