package org.passerelle.sms;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The submit window: the reminder route's split runs its reminders on these {@code 2 x passerelle.sms.window}
 * threads. Each thread waits for its submit_sm_resp (camel-smpp is synchronous per caller) while the
 * others submit on the same jSMPP session; a reminder holds one of the {@code window} places of
 * {@link WindowSlots} from before its tokens until its response, so at most {@code window} submits are
 * outstanding on the bind, and the other threads prepare the next reminders meanwhile.
 */
@Configuration(proxyBeanMethods = false)
class SubmitWindow {

    @Bean(name = "smsSubmitWindow", destroyMethod = "shutdown")
    ExecutorService smsSubmitWindow(SmsProperties properties) {
        AtomicInteger n = new AtomicInteger();
        int threads = 2 * properties.window();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "sms-submit-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
