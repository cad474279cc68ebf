package dev.ronkms.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.pkcs11.testing.SoftHsm;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;

/** The session pool of one token: bounds, reuse, failures, reconnection, close. */
class TokenSessionsTest {
  private TokenSessions sessions;

  @BeforeEach
  void open() {
    sessions = new TokenSessions(SoftHsm.token().withSessions(1));
  }

  @AfterEach
  void close() {
    sessions.close();
  }

  @Test
  void aSingleSessionIsLentToOneCallAtATimeAndTheOtherWaits() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch firstInside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TokenSessions.Work<Session> work = (session, generation) -> {
      most.accumulateAndGet(inside.incrementAndGet(), Math::max);
      try {
        firstInside.countDown();
        release.await(30, TimeUnit.SECONDS);
        return session;
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      } finally {
        inside.decrementAndGet();
      }
    };
    CompletableFuture<Session> first = CompletableFuture.supplyAsync(
        () -> sessions.call("first", work));
    assertTrue(firstInside.await(30, TimeUnit.SECONDS));
    Thread[] second = new Thread[1];
    CompletableFuture<Session> secondResult = new CompletableFuture<>();
    second[0] = new Thread(() -> {
      try {
        secondResult.complete(sessions.call("second", work));
      } catch (RuntimeException e) {
        secondResult.completeExceptionally(e);
      }
    });
    second[0].start();
    // the second call either waits for the session or (wrongly) runs beside the first
    for (int i = 0; i < 3000 && second[0].getState() != Thread.State.TIMED_WAITING
        && inside.get() < 2; i++) {
      Thread.sleep(5);
    }
    assertEquals(1, inside.get(), "only one call is on the token");
    release.countDown();
    Session a = first.get(30, TimeUnit.SECONDS);
    Session b = secondResult.get(30, TimeUnit.SECONDS);
    assertEquals(1, most.get(), "never two calls at once with one session");
    assertSame(a, b, "the one session was lent to both in turn");
  }

  @Test
  void aSessionIsReusedAcrossCalls() {
    Session first = sessions.call("a", (s, g) -> s);
    for (int i = 0; i < 3; i++) {
      assertSame(first, sessions.call("b", (s, g) -> s));
    }
  }

  @Test
  void generationsNameTheConnection() {
    long generation = sessions.generation();
    assertTrue(generation >= 1, "connected: " + generation);
    assertEquals(generation, (long) sessions.call("g", (s, g) -> g));
    sessions.close();
    assertEquals(-1, sessions.generation());
  }

  @Test
  void aGoneTokenDropsTheConnectionAndTheNextCallReconnects() {
    long generation = sessions.generation();
    Session before = sessions.call("s", (s, g) -> s);
    KmsException gone = assertThrows(KmsException.class, () -> sessions.call("sign",
        (s, g) -> {
          throw new PKCS11Exception(PKCS11Constants.CKR_DEVICE_REMOVED);
        }));
    assertEquals(ErrorCode.TOKEN_UNAVAILABLE, gone.code());
    assertTrue(gone.getMessage().contains("CKR_DEVICE_REMOVED"), gone.getMessage());
    assertEquals(-1, sessions.generation(), "disconnected");
    long[] seen = new long[1];
    Session after = sessions.call("s", (s, g) -> {
      seen[0] = g;
      return s;
    });
    assertEquals(generation + 1, seen[0], "reconnected once");
    assertEquals(generation + 1, sessions.generation());
    assertNotSame(before, after, "the session of the old connection is not lent again");
    assertSame(after, sessions.call("s", (s, g) -> s));
  }

  @Test
  void anUnexpectedFailureAlsoDropsTheConnection() {
    long generation = sessions.generation();
    KmsException e = assertThrows(KmsException.class, () -> sessions.call("sign", (s, g) -> {
      throw new IllegalStateException("library bug");
    }));
    assertEquals(ErrorCode.TOKEN_UNAVAILABLE, e.code());
    assertTrue(e.getMessage().contains(IllegalStateException.class.getName()), e.getMessage());
    assertFalse(e.getMessage().contains("library bug"));
    assertEquals(-1, sessions.generation());
    assertEquals(generation + 1, (long) sessions.call("g", (s, g) -> g));
  }

  @Test
  void otherTokenErrorsKeepTheConnection() {
    long generation = sessions.generation();
    Session before = sessions.call("s", (s, g) -> s);
    KmsException e = assertThrows(KmsException.class, () -> sessions.call("sign", (s, g) -> {
      throw new PKCS11Exception(PKCS11Constants.CKR_FUNCTION_FAILED);
    }));
    assertEquals(ErrorCode.BACKEND_FAILURE, e.code());
    assertEquals(generation, sessions.generation());
    assertSame(before, sessions.call("s", (s, g) -> s), "the session was kept");
    KmsException own = new KmsException(ErrorCode.KEY_NOT_FOUND, "mine");
    assertSame(own, assertThrows(KmsException.class, () -> sessions.call("find", (s, g) -> {
      throw own;
    })));
    assertEquals(generation, sessions.generation());
  }

  @Test
  void aCloseDuringACallMakesItsFailureClosed() {
    KmsException gone = assertThrows(KmsException.class, () -> sessions.call("x", (s, g) -> {
      sessions.close();
      throw new PKCS11Exception(PKCS11Constants.CKR_DEVICE_REMOVED);
    }));
    assertEquals(ErrorCode.CLOSED, gone.code());
    sessions = new TokenSessions(SoftHsm.token().withSessions(1));
    KmsException broken = assertThrows(KmsException.class, () -> sessions.call("x", (s, g) -> {
      sessions.close();
      throw new IllegalStateException();
    }));
    assertEquals(ErrorCode.CLOSED, broken.code());
  }

  @Test
  void afterCloseEveryCallIsClosed() {
    sessions.close();
    sessions.close();
    KmsException e = assertThrows(KmsException.class, () -> sessions.call("x", (s, g) -> 1));
    assertEquals(ErrorCode.CLOSED, e.code());
    assertTrue(e.getMessage().contains(SoftHsm.TOKEN_LABEL), e.getMessage());
  }

  @Test
  void anInterruptedWaitIsUnavailableAndKeepsTheInterrupt() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Integer> holder = CompletableFuture.supplyAsync(
        () -> sessions.call("hold", (s, g) -> {
          inside.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return 1;
        }));
    assertTrue(inside.await(30, TimeUnit.SECONDS));
    try {
      Thread.currentThread().interrupt();
      KmsException e = assertThrows(KmsException.class, () -> sessions.call("x", (s, g) -> 2));
      assertEquals(ErrorCode.TOKEN_UNAVAILABLE, e.code());
      assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
      assertTrue(Thread.interrupted(), "the interrupt is kept");
    } finally {
      Thread.interrupted();
      release.countDown();
    }
    assertEquals(1, holder.get(30, TimeUnit.SECONDS));
    assertEquals(Integer.valueOf(2), sessions.call("x", (s, g) -> Integer.valueOf(2)),
        "the permit came back");
  }

  @Test
  void toStringNamesTheTokenAndTheBound() {
    assertEquals("TokenSessions[" + SoftHsm.TOKEN_LABEL + ", 1 sessions]", sessions.toString());
    assertEquals(SoftHsm.TOKEN_LABEL, sessions.label());
  }
}
