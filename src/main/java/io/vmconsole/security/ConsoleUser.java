package io.vmconsole.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The authenticated principal: a user account plus whether it is locked out right now. */
public final class ConsoleUser implements UserDetails {
  private final UserAccount account;
  private final boolean locked;

  public ConsoleUser(UserAccount account, boolean locked) {
    this.account = account;
    this.locked = locked;
  }

  public UserAccount account() {
    return account;
  }

  public Role role() {
    return account.role();
  }

  public List<String> namespaces() {
    return account.namespaces();
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return List.of(new SimpleGrantedAuthority(account.role().authority()));
  }

  @Override
  public String getPassword() {
    return account.passwordHash();
  }

  @Override
  public String getUsername() {
    return account.username();
  }

  @Override
  public boolean isAccountNonLocked() {
    return !locked;
  }
}
