package org.passerelle.scheduling;

public enum AppointmentStatus {
    BOOKED, CANCELLED, NO_SHOW
}
