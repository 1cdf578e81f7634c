/** Protection of focal points: pseudonymous ids (keyed HMAC) and masked phone numbers. */
package org.bourtol.contracts.privacy;
