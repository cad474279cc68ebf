package dev.ronkms.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.pkcs11.testing.SoftHsm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token keys across processes, and a token that goes away under a running process. */
class ChildJvmTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void aKeyMadeInOneJvmSignsInTheNext(@TempDir Path dir) throws Exception {
    SoftHsm.token();
    SoftHsm.Separate token = SoftHsm.separateToken(dir, "ron-kms-child");
    String sealerKey = HEX.formatHex(TestSealer.random().key());

    Map<String, String> first = run(token, "generate", sealerKey);
    Map<String, String> second = run(token, "open", sealerKey, first.get("SEALED"));
    assertEquals(first.get("PUBLIC"), second.get("PUBLIC"), "the same key, found by label");
    assertEquals(first.get("SIG"), second.get("SIG"), "deterministic, same key");
    byte[] publicKey = HEX.parseHex(second.get("PUBLIC"));
    byte[] signature = HEX.parseHex(second.get("SIG"));
    byte[] message = TokenChild.MESSAGE;
    assertTrue(Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length));

    TestSealer sealer = new TestSealer(HEX.parseHex(sealerKey));
    byte[] reference = sealer.open(java.util.Base64.getDecoder().decode(first.get("SEALED")),
        TokenChild.AAD);
    assertTrue(KeyReference.decode(reference).label().startsWith("ron-kms/"));
    assertTrue(reference.length < 64, "a reference, not a key");
    assertTrue(new Pkcs11Ed25519Provider(SoftHsm.token()).verify(Algorithm.ED25519, publicKey,
        message, signature));
  }

  @Test
  void aTokenThatGoesAwayFailsTypedAndComesBack(@TempDir Path dir) throws Exception {
    SoftHsm.token();
    SoftHsm.Separate token = SoftHsm.separateToken(dir, "ron-kms-gone");
    Map<String, String> out = run(token, "removed", token.tokenDirectory().toString());
    assertEquals("ok", out.get("BEFORE"));
    assertEquals("TOKEN_UNAVAILABLE retryable=true", out.get("AFTER_FINALISE"));
    assertEquals("ok", out.get("RECOVERED"), "the next call reconnects");
    String afterDelete = out.get("AFTER_DELETE");
    assertTrue(afterDelete.equals("ok") || afterDelete.startsWith("TOKEN_UNAVAILABLE")
        || afterDelete.startsWith("KEY_NOT_FOUND"), afterDelete);
  }

  private static Map<String, String> run(SoftHsm.Separate token, String... args)
      throws IOException, InterruptedException {
    Process child = SoftHsm.childJvm(TokenChild.class, token.environment(), args).start();
    child.getOutputStream().close();
    StringBuilder output = new StringBuilder();
    Thread reader = new Thread(() -> {
      try {
        output.append(new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // the child was killed
      }
    });
    reader.start();
    boolean exited = child.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    reader.join(10_000);
    assertTrue(exited, "the child timed out: " + output);
    assertEquals(0, child.exitValue(), "the child failed: " + output);
    Map<String, String> lines = new HashMap<>();
    for (String line : output.toString().split("\\R")) {
      if (line.startsWith("CHILD ")) {
        String[] parts = line.split(" ", 3);
        lines.put(parts[1], parts.length > 2 ? parts[2] : "");
      }
    }
    assertEquals("ok", lines.get("DONE"), output.toString());
    System.out.println(args[0] + ": " + lines);
    return lines;
  }
}
