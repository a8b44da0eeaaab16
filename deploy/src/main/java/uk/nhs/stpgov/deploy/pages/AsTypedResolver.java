package uk.nhs.stpgov.deploy.pages;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Arrays;
import java.util.List;

/** Reads a page form's {@link AsTyped} fields from the request under the firewall's wrapper. */
@Configuration(proxyBeanMethods = false)
class AsTypedResolver implements WebMvcConfigurer, HandlerMethodArgumentResolver {
    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(AsTyped.class)
                && MultiValueMap.class.isAssignableFrom(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                  NativeWebRequest request, WebDataBinderFactory binders) {
        ServletRequest typed = request.getNativeRequest(ServletRequest.class);
        while (typed instanceof ServletRequestWrapper wrapper) {
            boolean firewall = typed instanceof FirewalledRequest;
            typed = wrapper.getRequest();
            if (firewall) {
                break;
            }
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        typed.getParameterMap().forEach((name, values) -> form.addAll(name, Arrays.asList(values)));
        return form;
    }
}
