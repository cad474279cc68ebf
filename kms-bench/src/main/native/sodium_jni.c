/*
 * JNI shim over native libsodium 1.0.18 for NativeCompareBench: Ed25519 sign and verify as a JVM
 * user would call them through JNI (the arrays' bytes reach libsodium; the call's cost, copies
 * and critical regions included, is part of what is measured). Not a library: the benchmarks
 * load it on demand (docs/PERFORMANCE.md, "Against native libsodium").
 *
 * Built by kms-bench/native/build-libsodium-shim.sh into kms-bench/target/native/
 * libronkms_sodium.so, linked by path against libsodium.so.23. The libsodium headers
 * (libsodium-dev) are not needed: the few prototypes used are declared here, as in libsodium
 * 1.0.18's sodium/core.h, sodium/crypto_sign.h, sodium/utils.h and sodium/version.h.
 */
#include <jni.h>
#include <stddef.h>

int sodium_init(void);
const char *sodium_version_string(void);
void sodium_memzero(void *const pnt, const size_t len);
int crypto_sign_verify_detached(const unsigned char *sig, const unsigned char *m,
                                unsigned long long mlen, const unsigned char *pk);
int crypto_sign_detached(unsigned char *sig, unsigned long long *siglen, const unsigned char *m,
                         unsigned long long mlen, const unsigned char *sk);

#define PUBLIC_KEY_BYTES 32
#define SEED_BYTES 32
#define SIGNATURE_BYTES 64

/* Throws cls (a java/lang class name) with msg; the caller returns right after. */
static void fail(JNIEnv *env, const char *cls, const char *msg) {
  jclass c = (*env)->FindClass(env, cls);
  if (c != NULL) {
    (*env)->ThrowNew(env, c, msg);
  }
}

/* Checks that a is non-null and n bytes long; throws otherwise. */
static int has_length(JNIEnv *env, jbyteArray a, jsize n, const char *what) {
  if (a == NULL) {
    fail(env, "java/lang/NullPointerException", what);
    return 0;
  }
  if ((*env)->GetArrayLength(env, a) != n) {
    fail(env, "java/lang/IllegalArgumentException", what);
    return 0;
  }
  return 1;
}

/* static native int init(): sodium_init()'s result (0 first call, 1 already done, -1 failed). */
JNIEXPORT jint JNICALL Java_dev_ronkms_bench_Libsodium_init(JNIEnv *env, jclass cls) {
  (void) env;
  (void) cls;
  return sodium_init();
}

/* static native String version(): libsodium's version string, "1.0.18". */
JNIEXPORT jstring JNICALL Java_dev_ronkms_bench_Libsodium_version(JNIEnv *env, jclass cls) {
  (void) cls;
  return (*env)->NewStringUTF(env, sodium_version_string());
}

/*
 * static native boolean verify(byte[] pk, byte[] msg, byte[] sig): crypto_sign_verify_detached.
 * The key and signature are copied to the stack; the message, of any length, is read in place
 * inside a critical region (no JNI call is made inside it).
 */
JNIEXPORT jboolean JNICALL Java_dev_ronkms_bench_Libsodium_verify(JNIEnv *env, jclass cls,
    jbyteArray pk, jbyteArray msg, jbyteArray sig) {
  unsigned char pk_buf[PUBLIC_KEY_BYTES];
  unsigned char sig_buf[SIGNATURE_BYTES];
  (void) cls;
  if (!has_length(env, pk, PUBLIC_KEY_BYTES, "public key: 32 bytes")
      || !has_length(env, sig, SIGNATURE_BYTES, "signature: 64 bytes")) {
    return JNI_FALSE;
  }
  if (msg == NULL) {
    fail(env, "java/lang/NullPointerException", "message");
    return JNI_FALSE;
  }
  (*env)->GetByteArrayRegion(env, pk, 0, PUBLIC_KEY_BYTES, (jbyte *) pk_buf);
  (*env)->GetByteArrayRegion(env, sig, 0, SIGNATURE_BYTES, (jbyte *) sig_buf);
  jsize mlen = (*env)->GetArrayLength(env, msg);
  unsigned char *m = (*env)->GetPrimitiveArrayCritical(env, msg, NULL);
  if (m == NULL) {
    return JNI_FALSE; /* OutOfMemoryError pending */
  }
  int rc = crypto_sign_verify_detached(sig_buf, m, (unsigned long long) mlen, pk_buf);
  (*env)->ReleasePrimitiveArrayCritical(env, msg, m, JNI_ABORT);
  return rc == 0 ? JNI_TRUE : JNI_FALSE;
}

/*
 * static native byte[] sign(byte[] seed, byte[] pk, byte[] msg): crypto_sign_detached with the
 * 64-byte secret key seed || public key assembled on the stack (and wiped after), the message
 * read in place inside a critical region; returns a new 64-byte array. As in libsodium, pk is
 * trusted to be the seed's public key.
 */
JNIEXPORT jbyteArray JNICALL Java_dev_ronkms_bench_Libsodium_sign(JNIEnv *env, jclass cls,
    jbyteArray seed, jbyteArray pk, jbyteArray msg) {
  unsigned char sk[SEED_BYTES + PUBLIC_KEY_BYTES];
  unsigned char sig[SIGNATURE_BYTES];
  (void) cls;
  if (!has_length(env, seed, SEED_BYTES, "seed: 32 bytes")
      || !has_length(env, pk, PUBLIC_KEY_BYTES, "public key: 32 bytes")) {
    return NULL;
  }
  if (msg == NULL) {
    fail(env, "java/lang/NullPointerException", "message");
    return NULL;
  }
  (*env)->GetByteArrayRegion(env, seed, 0, SEED_BYTES, (jbyte *) sk);
  (*env)->GetByteArrayRegion(env, pk, 0, PUBLIC_KEY_BYTES, (jbyte *) (sk + SEED_BYTES));
  jsize mlen = (*env)->GetArrayLength(env, msg);
  unsigned char *m = (*env)->GetPrimitiveArrayCritical(env, msg, NULL);
  if (m == NULL) {
    sodium_memzero(sk, sizeof sk);
    return NULL; /* OutOfMemoryError pending */
  }
  int rc = crypto_sign_detached(sig, NULL, m, (unsigned long long) mlen, sk);
  (*env)->ReleasePrimitiveArrayCritical(env, msg, m, JNI_ABORT);
  sodium_memzero(sk, sizeof sk);
  if (rc != 0) {
    fail(env, "java/lang/IllegalStateException", "crypto_sign_detached failed");
    return NULL;
  }
  jbyteArray out = (*env)->NewByteArray(env, SIGNATURE_BYTES);
  if (out != NULL) {
    (*env)->SetByteArrayRegion(env, out, 0, SIGNATURE_BYTES, (const jbyte *) sig);
  }
  return out;
}
