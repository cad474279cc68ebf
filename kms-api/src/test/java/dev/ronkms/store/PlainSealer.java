package dev.ronkms.store;

import dev.ronkms.spi.Sealer;

/**
 * A sealer that does not encrypt or authenticate: the sealed form is the plaintext itself (for
 * tests of the layout and of what the codec checks on its own). Once {@code shortenAfter}
 * opens have run, it opens to one byte too few.
 */
final class PlainSealer implements Sealer {
  int shortenAfter = Integer.MAX_VALUE;
  private int opens;

  @Override
  public String algorithm() {
    return "none";
  }

  @Override
  public String keyReference() {
    return "plain";
  }

  @Override
  public byte[] seal(byte[] plaintext, byte[] associatedData) {
    return plaintext.clone();
  }

  @Override
  public byte[] open(byte[] sealed, byte[] associatedData) {
    return opens++ >= shortenAfter ? new byte[sealed.length - 1] : sealed.clone();
  }
}
