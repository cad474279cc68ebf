package dev.ronkms.cli;

import dev.ronkms.Kms;
import dev.ronkms.keys.Algorithm;
import java.io.PrintWriter;

/**
 * What the commands of one {@code kms} process share: the output streams, the provider choice and
 * one lazily built {@link Kms} on the in-memory store. A {@code kms shell} session runs many
 * commands against the same store; a one-shot command gets a fresh store that dies with it.
 */
final class Session implements AutoCloseable {
  final PrintWriter out;
  final PrintWriter err;
  private String provider;
  private Kms kms;
  private boolean interactive;
  private final java.util.Map<String, String> lastValues = new java.util.HashMap<>();

  Session(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  /** Chooses the Ed25519 provider by name (null: the default selection). */
  void provider(String name) {
    if (kms != null && name != null && !name.equals(kms.provider(Algorithm.ED25519))) {
      throw new IllegalStateException("the provider is chosen once per session");
    }
    this.provider = name;
  }

  Kms kms() {
    if (kms == null) {
      kms = provider == null ? Kms.inMemory() : Kms.builder().provider(Algorithm.ED25519, provider).build();
    }
    return kms;
  }

  void interactive(boolean value) {
    interactive = value;
  }

  /** True inside {@code kms shell}, where keys outlive a single command. */
  boolean interactive() {
    return interactive;
  }

  /** Remembers a value a later shell line can use as {@code $name}. */
  void remember(String name, String value) {
    lastValues.put(name, value);
  }

  /** The value remembered as {@code name}, or null. */
  String recall(String name) {
    return lastValues.get(name);
  }

  @Override
  public void close() {
    if (kms != null) {
      kms.close();
    }
    out.flush();
    err.flush();
  }
}
