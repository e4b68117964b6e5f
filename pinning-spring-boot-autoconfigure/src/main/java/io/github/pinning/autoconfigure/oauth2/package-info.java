/**
 * Spring Security OAuth2: the resource server's JWK set.
 */
@NullMarked
package io.github.pinning.autoconfigure.oauth2;

import org.jspecify.annotations.NullMarked;
