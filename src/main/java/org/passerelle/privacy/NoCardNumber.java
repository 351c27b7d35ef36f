package org.passerelle.privacy;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * On every free-text field a client can send (and Passerelle would store): refused when it holds a card
 * number in any form, as {@link CardNumbers} reads it. The message never repeats the value.
 */
@Documented
@Constraint(validatedBy = NoCardNumber.Validator.class)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface NoCardNumber {

    String message() default "looks like a card number; card numbers must never be typed here (they would be stored)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Bean Validation's side of {@link NoCardNumber}. */
    final class Validator implements ConstraintValidator<NoCardNumber, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return !CardNumbers.containsPan(value);
        }
    }
}
