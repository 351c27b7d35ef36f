package org.passerelle.sms;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The submit window: the reminder route's split runs its reminders on these {@code passerelle.sms.window}
 * threads. Each thread waits for its submit_sm_resp (camel-smpp is synchronous per caller) while the
 * others submit on the same jSMPP session, so at most {@code window} submits are outstanding on the bind.
 */
@Configuration(proxyBeanMethods = false)
class SubmitWindow {

    @Bean(name = "smsSubmitWindow", destroyMethod = "shutdown")
    ExecutorService smsSubmitWindow(SmsProperties properties) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(properties.window(), properties.window(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "sms-submit-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
