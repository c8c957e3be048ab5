/**
 * What all pages share: the start page and the header's model. The pages themselves live with
 * their feature ({@code tasklist}, {@code console}, {@code modeling}); templates in
 * {@code templates/}, scripts and the one stylesheet built from {@code src/main/frontend}.
 */
package io.tandem.pages;
