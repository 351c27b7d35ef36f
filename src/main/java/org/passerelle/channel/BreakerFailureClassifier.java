package org.passerelle.channel;

/**
 * Lets a feature say which errors mean its outside service is failing (they count towards opening the
 * breaker) and which are about one piece of work only (a refused number, a declined card).
 */
public interface BreakerFailureClassifier {

    ChannelId channel();

    boolean isOutsideServiceFailure(Throwable error);
}
