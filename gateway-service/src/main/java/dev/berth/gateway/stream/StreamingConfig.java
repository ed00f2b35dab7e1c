package dev.berth.gateway.stream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Long-lived streams (logs -f, attach) each get a thread of their own: a bounded pool such as
 * the default 8-thread applicationTaskExecutor would stall the ninth follower.
 */
@Configuration(proxyBeanMethods = false)
class StreamingConfig implements WebMvcConfigurer {

    @Bean
    SimpleAsyncTaskExecutor streamExecutor() {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("berth-stream-");
        executor.setDaemon(true);
        return executor;
    }

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.setTaskExecutor(streamExecutor());
    }
}
