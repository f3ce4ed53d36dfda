/**
 * Implementation of okta-bulk-delete: not part of the public API, may change in any release.
 */
package io.github.oktabulkdelete.internal;
