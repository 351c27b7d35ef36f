package org.passerelle.sms.text;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The placeholders a reminder template may use, and the field each one reads. */
enum Placeholder {
    DATE("date", ReminderFields::date),
    HEURE("heure", ReminderFields::time),
    SITE("site", ReminderFields::siteLabel),
    ADRESSE("adresse", ReminderFields::siteAddress),
    RAPPEL("rappel", ReminderFields::callbackPhone),
    REFERENCE("reference", ReminderFields::reference);

    private final String name;
    private final Function<ReminderFields, String> field;

    Placeholder(String name, Function<ReminderFields, String> field) {
        this.name = name;
        this.field = field;
    }

    static Optional<Placeholder> named(String name) {
        return Arrays.stream(values()).filter(p -> p.name.equals(name)).findFirst();
    }

    static String allowedList() {
        return Arrays.stream(values()).map(Placeholder::token).collect(Collectors.joining(", "));
    }

    String token() {
        return "{" + name + "}";
    }

    String valueIn(ReminderFields fields) {
        return field.apply(fields);
    }
}
