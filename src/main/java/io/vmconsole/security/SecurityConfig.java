package io.vmconsole.security;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.vmconsole.datadir.DataDirectory;
import io.vmconsole.security.ui.LoginView;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/** Login form, roles, method security, and the user store under the data directory. */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
@EnableConfigurationProperties(SecurityProperties.class)
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
class SecurityConfig {

  /** The health groups application.properties defines for the kubelet. */
  static final String[] HEALTH_PROBES = {"/actuator/health/liveness", "/actuator/health/readiness"};

  @Bean
  SecurityFilterChain consoleSecurity(HttpSecurity http, Access access) throws Exception {
    // The kubelet's probes carry no session; every other actuator path needs a login.
    http.authorizeHttpRequests(a -> a.requestMatchers(HEALTH_PROBES).permitAll());
    http.with(VaadinSecurityConfigurer.vaadin(), c -> c.loginView(LoginView.class));
    http.headers(
        h ->
            h.contentSecurityPolicy(
                    csp -> csp.policyDirectives(BrowserPolicies.CONTENT_SECURITY_POLICY))
                .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                .addHeaderWriter(
                    new StaticHeadersWriter(
                        "Permissions-Policy", BrowserPolicies.PERMISSIONS_POLICY)));
    http.addFilterBefore(new SameOriginPostFilter(), CsrfFilter.class);
    http.addFilterAfter(new StaleSessionFilter(access), SecurityContextHolderFilter.class);
    return http.build();
  }

  /** Makes method security publish its refusals, for {@link DeniedCalls}. */
  @Bean
  AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher events) {
    return new SpringAuthorizationEventPublisher(events);
  }

  @Bean
  DeniedCalls deniedCalls() {
    return new DeniedCalls();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  @Bean
  UserStore userStore(DataDirectory data, PasswordEncoder encoder, SecurityProperties props) {
    UserStore store = new UserStore(data.resolve("users.json"));
    InitialAdmin.ensure(store, encoder, props.initialAdminPassword(), data.path());
    return store;
  }

  @Bean
  LoginAttemptGuard loginAttemptGuard(SecurityProperties props) {
    return new LoginAttemptGuard(
        props.maxFailedLogins(),
        props.maxFailedLoginsPerAddress(),
        props.lockout(),
        Clock.systemUTC());
  }

  @Bean
  ConsoleUserDetailsService userDetailsService(UserStore store, LoginAttemptGuard guard) {
    return new ConsoleUserDetailsService(store, guard);
  }

  @Bean
  UserSessions userSessions(UserStore store, SecurityProperties props) {
    UserSessions sessions =
        new UserSessions(props.anonymousSessionTimeout(), props.maxAnonymousSessions());
    store.onChange(sessions::endSessionsOf);
    return sessions;
  }

  @Bean
  LoginEvents loginEvents(
      LoginAttemptGuard guard,
      UserSessions sessions,
      @Value("${server.servlet.session.timeout:30m}") Duration sessionTimeout) {
    return new LoginEvents(guard, sessions, sessionTimeout);
  }

  @Bean
  UserService userService(UserStore store, PasswordEncoder encoder, Access access) {
    return new UserService(store, encoder, access);
  }
}
