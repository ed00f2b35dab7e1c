package dev.berth.container.store;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;

@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    /**
     * Spring Data JDBC quotes identifiers by default, which makes {@code "nodes"} differ from
     * H2's folded {@code NODES}. Unquoted, the same lower-case names resolve on H2 (folds to
     * upper case) and PostgreSQL (folds to lower case), as the migrations do.
     */
    @Bean
    static BeanPostProcessor unquotedIdentifiers() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof RelationalMappingContext context) {
                    context.setForceQuote(false);
                }
                return bean;
            }
        };
    }
}
