/** HTTP API plumbing shared by every module: bearer-token roles, JSON errors, body limits. */
package org.bourtol.platform.http;
