package dev.ronkms.conformance;

import java.util.HexFormat;

/** Lowercase hex, as the vector files use it. */
public final class Hex {
  private static final HexFormat FORMAT = HexFormat.of();

  private Hex() {}

  public static byte[] decode(String hex) {
    return FORMAT.parseHex(hex);
  }

  public static String encode(byte[] bytes) {
    return FORMAT.formatHex(bytes);
  }
}
