package dev.ronkms.store;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.CompositeMode;
import dev.ronkms.keys.ExportPolicy;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.KeyOptions;
import dev.ronkms.keys.SignatureVariant;
import dev.ronkms.keys.VersionState;
import dev.ronkms.spi.KeyProvider;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.Sealer;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a {@link KeyRecord}, shared by every durable store and by key export: the
 * record's public state in the clear, and each live version's private key sealed by its own
 * provider ({@link KeyProvider#sealPrivateKey}) under a {@link Sealer} the caller chooses, bound
 * to the key id, version number and public key. docs/API.md ("Key record format") gives the
 * layout.
 *
 * <p>Guarantees: no private key byte is ever written except through {@link Sealer#seal};
 * {@link #decode} accepts only what {@link #encode} writes (anything else, trailing bytes
 * included, is {@code CORRUPT_RECORD}), rebuilds the record with {@link KeyRecord#of} so every
 * invariant is checked again, and checks each unsealed private key against the stored public
 * key ({@code CORRUPT_RECORD} when they differ). The codec authenticates nothing by itself: a
 * store seals the whole encoding. Stateless and thread-safe.
 */
public final class KeyRecordCodec {
  private static final int MAGIC = 0x524b5243; // "RKRC"
  /** Format 2 adds the signature variant and composite mode after the export policy. */
  private static final int FORMAT = 2;
  /** Still read: a record of this format has the algorithm's default options. */
  private static final int FORMAT_1 = 1;
  private static final int MAX_VERSIONS = 1 << 20;

  private KeyRecordCodec() {}

  /** Finds the provider that opens a record's private keys. */
  @FunctionalInterface
  public interface ProviderLookup {
    /**
     * The provider to hold keys of {@code algorithm} that the record says {@code name} holds
     * (usually the provider of that name; an importer may pick another that takes the seeds).
     *
     * @param name the name
     * @param algorithm the algorithm
     * @return the provider to hold keys of {@code algorithm} that the record says {@code name}
     *     holds (usually the provider of that name; an importer may pick another that takes the
     *     seeds)
     * @throws KmsException {@code PROVIDER_NOT_FOUND} when there is none
     */
    KeyProvider provider(String name, Algorithm algorithm);
  }

  /**
   * Encodes {@code record}, sealing each private key with {@code providerOf} the record's
   * provider under {@code keySealer}.
   *
   * @param record the key record
   * @param provider the provider
   * @param keySealer the sealer of the private keys
   * @return the encoding
   */
  public static byte[] encode(KeyRecord record, KeyProvider provider, Sealer keySealer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeByte(FORMAT);
      out.writeUTF(record.id().toString());
      out.writeUTF(record.provider().orElse(""));
      out.writeLong(record.revision());
      out.writeInt(record.head());
      out.writeInt(record.minVerifyVersion());
      out.writeByte(record.exportPolicy().ordinal());
      out.writeByte(optionCode(record.options().signatureVariant()));
      out.writeByte(optionCode(record.options().compositeMode()));
      out.writeInt(record.versions().size());
      for (KeyVersion v : record.versions()) {
        out.writeInt(v.number());
        out.writeByte(v.state().ordinal());
        out.writeLong(v.createdAt().getEpochSecond());
        out.writeInt(v.createdAt().getNano());
        writeBytes(out, v.publicKey());
        PrivateKeyHandle handle = v.handle().orElse(null);
        if (handle == null) {
          out.writeInt(0);
        } else {
          writeBytes(out, provider.sealPrivateKey(handle, keySealer,
              keyBinding(record.id(), v.number(), v.publicKey())));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes a record. A version whose handle {@code previous} already holds (same number and
   * public key) keeps that handle instead of unsealing its key again; pass null for none.
   *
   * @param encoded the encoded bytes
   * @param lookup finds the provider for each stored key
   * @param keySealer the sealer of the private keys
   * @param previous the previous value
   * @return the record
   * @throws KmsException {@code CORRUPT_RECORD} for malformed bytes or a broken invariant;
   *     {@code TAMPERED} when {@code keySealer} does not open a private key;
   *     {@code PROVIDER_NOT_FOUND} from {@code lookup}
   */
  public static KeyRecord decode(byte[] encoded, ProviderLookup lookup, Sealer keySealer,
      KeyRecord previous) {
    List<PrivateKeyHandle> opened = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(encoded))) {
      int format = in.readInt() == MAGIC ? in.readUnsignedByte() : -1;
      if (format != FORMAT && format != FORMAT_1) {
        throw corrupt("not a key record of format " + FORMAT_1 + " or " + FORMAT);
      }
      KeyId id = KeyId.parse(in.readUTF());
      String providerName = in.readUTF();
      long revision = in.readLong();
      int head = in.readInt();
      int min = in.readInt();
      ExportPolicy policy = enumAt(ExportPolicy.values(), in.readUnsignedByte());
      KeyOptions options = KeyOptions.defaults().with(policy);
      if (format == FORMAT) {
        options = new KeyOptions(policy,
            optionAt(SignatureVariant.values(), in.readUnsignedByte()),
            optionAt(CompositeMode.values(), in.readUnsignedByte()));
      } else {
        options = options.resolve(id.algorithm());
      }
      int count = in.readInt();
      if (count < 1 || count > MAX_VERSIONS) {
        throw corrupt("version count out of range");
      }
      KeyProvider provider = providerName.isEmpty() ? null
          : lookup.provider(providerName, id.algorithm());
      List<KeyVersion> versions = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int number = in.readInt();
        VersionState state = enumAt(VersionState.values(), in.readUnsignedByte());
        Instant createdAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
        byte[] publicKey = readBytes(in, id.algorithm().publicKeyLength());
        byte[] sealedKey = readBytes(in, -1);
        PrivateKeyHandle handle = null;
        if (sealedKey.length > 0) {
          if (provider == null) {
            throw corrupt("a verify-only key holds a private key");
          }
          handle = reused(previous, number, publicKey);
          if (handle == null) {
            handle = provider.openPrivateKey(id.algorithm(), sealedKey, keySealer,
                keyBinding(id, number, publicKey));
            opened.add(handle);
          }
        }
        versions.add(new KeyVersion(number, state, createdAt, publicKey, handle));
      }
      if (in.read() != -1) {
        throw corrupt("trailing bytes");
      }
      return KeyRecord.of(id, provider == null ? null : provider.name(), revision, head, min,
          versions, options);
    } catch (EOFException e) {
      opened.forEach(PrivateKeyHandle::close);
      throw corrupt("truncated");
    } catch (IOException | RuntimeException e) {
      opened.forEach(PrivateKeyHandle::close);
      if (e instanceof KmsException k) {
        if (k.code() == ErrorCode.INVALID_KEY_ID || k.code() == ErrorCode.UNSUPPORTED_ALGORITHM
            || k.code() == ErrorCode.INVALID_ARGUMENT || k.code() == ErrorCode.MALFORMED_KEY) {
          throw corrupt(k.getMessage());
        }
        throw k;
      }
      throw corrupt(e.getClass().getSimpleName());
    }
  }

  /**
   * The associated data a version's sealed private key is bound to: its versioned key id and
   * its public key, so a sealed key moved to another key or version does not open.
   */
  static byte[] keyBinding(KeyId id, int number, byte[] publicKey) {
    byte[] name = ("ron-kms private key|" + id.withVersion(number) + "|")
        .getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[name.length + publicKey.length];
    System.arraycopy(name, 0, out, 0, name.length);
    System.arraycopy(publicKey, 0, out, name.length, publicKey.length);
    return out;
  }

  private static PrivateKeyHandle reused(KeyRecord previous, int number, byte[] publicKey) {
    if (previous == null || number > previous.latest()) {
      return null;
    }
    KeyVersion old = previous.version(number);
    PrivateKeyHandle h = old.handle().orElse(null);
    return h != null && !h.isDestroyed() && old.hasPublicKey(publicKey) ? h : null;
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  /** Reads a length-prefixed array; {@code exact} &ge; 0 demands that length. */
  private static byte[] readBytes(DataInputStream in, int exact) throws IOException {
    int n = in.readInt();
    if (n < 0 || (exact >= 0 && n != exact) || n > in.available()) {
      throw corrupt("a field has a bad length");
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }

  /** 0 for none, else the ordinal plus one. */
  private static int optionCode(Enum<?> option) {
    return option == null ? 0 : option.ordinal() + 1;
  }

  private static <E> E optionAt(E[] values, int code) {
    return code == 0 ? null : enumAt(values, code - 1);
  }

  private static <E> E enumAt(E[] values, int ordinal) {
    if (ordinal >= values.length) {
      throw corrupt("an enum value is out of range");
    }
    return values[ordinal];
  }

  private static KmsException corrupt(String why) {
    return new KmsException(ErrorCode.CORRUPT_RECORD, "key record: " + why);
  }
}
