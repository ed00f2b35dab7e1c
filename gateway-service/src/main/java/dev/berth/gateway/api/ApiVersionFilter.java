package dev.berth.gateway.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;
import java.util.Optional;

/**
 * Takes the "/v1.xx" prefix off every request path, once, so controllers map unversioned paths.
 * Unsupported versions are refused through the common error mapping.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiVersionFilter extends OncePerRequestFilter {

    private final HandlerExceptionResolver errors;

    ApiVersionFilter(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contextPath = request.getContextPath();
        ApiVersion.VersionedPath split = ApiVersion.split(request.getRequestURI().substring(contextPath.length()));
        if (split.version().isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<String> refusal = ApiVersion.refusal(split.version().get());
        if (refusal.isPresent()) {
            errors.resolveException(request, response, null, DockerApiException.badRequest(refusal.get()));
            return;
        }
        chain.doFilter(new UnversionedRequest(request, contextPath + split.path(), split.path()), response);
    }

    /** The request as if it had been sent without the version prefix. */
    private static final class UnversionedRequest extends HttpServletRequestWrapper {
        private final String uri;
        private final String servletPath;

        UnversionedRequest(HttpServletRequest request, String uri, String servletPath) {
            super(request);
            this.uri = uri;
            this.servletPath = servletPath;
        }

        @Override
        public String getRequestURI() {
            return uri;
        }

        @Override
        public String getServletPath() {
            return servletPath;
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = new StringBuffer();
            url.append(getScheme()).append("://").append(getServerName()).append(':').append(getServerPort())
                    .append(uri);
            return url;
        }
    }
}
