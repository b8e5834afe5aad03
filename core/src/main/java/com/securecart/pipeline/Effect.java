package com.securecart.pipeline;

/**
 * The database writes a step makes; applied in one transaction together with marking its event
 * done.
 */
@FunctionalInterface
public interface Effect {
  Effect NONE = () -> {};

  void apply();
}
