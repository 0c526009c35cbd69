/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.processredisevents.console;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * Access with Spring Security: an authenticated user may view, a user with the operator
 * role may act. Works inside whatever filter chain the application has (which also checks
 * CSRF tokens); the page sends the chain's token with every action.
 *
 * @since 0.1.0
 */
public class SecuredConsoleAccess implements ConsoleAccess {

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private final String operatorRole;

	private final String authority;

	/**
	 * Create the access.
	 * @param operatorRole the role that may act, with or without the {@code ROLE_} prefix
	 */
	public SecuredConsoleAccess(String operatorRole) {
		this.operatorRole = operatorRole.startsWith("ROLE_") ? operatorRole.substring(5) : operatorRole;
		this.authority = "ROLE_" + this.operatorRole;
	}

	@Override
	public void checkView(HttpServletRequest request) {
		authenticated();
	}

	@Override
	public void checkAct(HttpServletRequest request) {
		Authentication authentication = authenticated();
		for (GrantedAuthority granted : authentication.getAuthorities()) {
			if (this.authority.equals(granted.getAuthority())) {
				return;
			}
		}
		throw new ConsoleException(HttpStatus.FORBIDDEN,
				"Refused: acting needs role " + this.operatorRole + " (redis-events.console.operator-role), and user '"
						+ authentication.getName() + "' does not have it");
	}

	@Override
	public @Nullable CsrfHeader csrf(HttpServletRequest request) {
		Object token = request.getAttribute(CsrfToken.class.getName());
		if (token instanceof CsrfToken csrfToken) {
			return new CsrfHeader(csrfToken.getHeaderName(), csrfToken.getToken());
		}
		return null;
	}

	private Authentication authenticated() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| this.trustResolver.isAnonymous(authentication)) {
			throw new ConsoleException(HttpStatus.UNAUTHORIZED, "Sign in to use the redis-events console");
		}
		return authentication;
	}

}
