package dev.ronkms.pkcs11;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.Token;
import org.xipki.pkcs11.wrapper.TokenInfo;

/**
 * The sessions of one logged-in token: found by its label (slot ids change when a token is
 * initialised), logged in once as the user with the PIN from the config (zeroised at once), and
 * at most {@link TokenConfig#sessions()} read/write sessions, each lent to one operation at a time
 * and taken back. No lock is held while an operation runs, so operations on different sessions
 * run in parallel.
 *
 * <p>When the token, the library or a session fails as gone ({@link TokenErrors#isGone}), the
 * connection is dropped and the call fails with the retryable {@code TOKEN_UNAVAILABLE}; the next
 * call initialises the library again if needed, finds the token again and logs in again, so a
 * token that comes back works again. Every failure is a {@link KmsException}; no PIN reaches a
 * message. After {@link #close()} every call fails with {@code CLOSED}.
 *
 * <p>PKCS#11 keeps the login per process and token: when the token is already logged in (by
 * another provider in this process), the PIN is compared with the one that logged in here
 * (a salted digest kept in memory), and a different one is refused; a login made by other code
 * (for example SunPKCS11) cannot be checked and is accepted.
 */
final class TokenSessions implements AutoCloseable {
  private static final long BORROW_TIMEOUT_SECONDS = 30;

  private final TokenConfig config;
  private final PKCS11Module module;
  private final Semaphore permits;
  private final ConcurrentLinkedDeque<Pooled> idle = new ConcurrentLinkedDeque<>();
  private volatile Connection connection;
  private volatile boolean closed;
  private long generations;

  /** An operation on one session. {@code generation} names the connection it belongs to. */
  @FunctionalInterface
  interface Work<R> {
    R run(Session session, long generation) throws PKCS11Exception;
  }

  private record Connection(Token token, long generation) {}

  private record Pooled(Session session, long generation) {}

  /**
   * Connects to the token and logs in.
   *
   * @throws KmsException {@code INVALID_ARGUMENT} for a PIN the token refuses or a PIN source
   *     that fails, {@code TOKEN_UNAVAILABLE} when no token has the label or the library fails
   */
  TokenSessions(TokenConfig config) {
    this.config = config;
    this.permits = new Semaphore(config.sessions());
    this.module = Modules.acquire(config.library());
    try {
      Pooled first = connect();
      if (first != null) {
        idle.push(first);
      }
    } catch (RuntimeException e) {
      closed = true;
      Modules.release(config.library());
      throw e;
    }
  }

  /** The token's label, for messages. */
  String label() {
    return config.tokenLabel();
  }

  /** The current connection's generation, or -1 when disconnected. */
  long generation() {
    Connection c = connection;
    return c == null ? -1 : c.generation();
  }

  /**
   * Runs {@code work} on a session of its own.
   *
   * @throws KmsException {@code CLOSED} after {@link #close()}, {@code TOKEN_UNAVAILABLE} when
   *     the token is gone or no session frees up in time, else the mapped token error or what
   *     {@code work} threw
   */
  <R> R call(String operation, Work<R> work) {
    requireOpen();
    try {
      if (!permits.tryAcquire()
          && !permits.tryAcquire(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw TokenErrors.unavailable(operation, label(), "no session was free for "
            + BORROW_TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TokenErrors.unavailable(operation, label(), "interrupted waiting for a session");
    }
    Pooled pooled = null;
    boolean keep = true;
    try {
      pooled = borrow();
      return work.run(pooled.session(), pooled.generation());
    } catch (PKCS11Exception e) {
      requireOpen();
      if (TokenErrors.isGone(e)) {
        keep = false;
        disconnect(pooled == null ? -1 : pooled.generation());
      }
      throw TokenErrors.map(e, operation, label());
    } catch (KmsException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      requireOpen();
      keep = false;
      disconnect(pooled == null ? -1 : pooled.generation());
      throw TokenErrors.unavailable(operation, label(), e.getClass().getName());
    } finally {
      if (pooled != null) {
        giveBack(pooled, keep);
      }
      permits.release();
    }
  }

  /** Closes every session and lets go of the library. Idempotent; never throws. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      connection = null;
    }
    drain();
    Modules.release(config.library());
  }

  @Override
  public String toString() {
    return "TokenSessions[" + label() + ", " + config.sessions() + " sessions]";
  }

  private void requireOpen() {
    if (closed) {
      throw new KmsException(ErrorCode.CLOSED, "the provider of token " + label()
          + " is closed");
    }
  }

  private Pooled borrow() throws PKCS11Exception {
    while (true) {
      Connection c = connection;
      if (c == null) {
        Pooled fresh = connect();
        if (fresh != null) {
          return fresh;
        }
        continue;
      }
      Pooled p = idle.poll();
      if (p == null) {
        return new Pooled(c.token().openSession(true), c.generation());
      }
      if (p.generation() == c.generation()) {
        return p;
      }
      quietlyClose(p.session());
    }
  }

  private void giveBack(Pooled pooled, boolean keep) {
    Connection c = connection;
    if (keep && !closed && c != null && c.generation() == pooled.generation()) {
      idle.push(pooled);
      if (closed) {
        drain();
      }
    } else {
      quietlyClose(pooled.session());
    }
  }

  /**
   * Connects when no one else has: initialises the library if needed, finds the token by its
   * label, opens a session and logs in. Returns that session, or null when already connected.
   */
  private synchronized Pooled connect() {
    requireOpen();
    if (connection != null) {
      return null;
    }
    Modules.initialize(module, config.library());
    Token token = findToken();
    Session session;
    try {
      session = token.openSession(true);
    } catch (PKCS11Exception e) {
      throw TokenErrors.map(e, "open a session", label());
    }
    try {
      login(session);
    } catch (RuntimeException e) {
      quietlyClose(session);
      throw e;
    }
    Connection c = new Connection(token, ++generations);
    connection = c;
    return new Pooled(session, c.generation());
  }

  private synchronized void disconnect(long generation) {
    Connection c = connection;
    if (c != null && (generation < 0 || c.generation() == generation)) {
      connection = null;
    }
    drain();
  }

  private void drain() {
    Pooled p;
    while ((p = idle.poll()) != null) {
      quietlyClose(p.session());
    }
  }

  private Token findToken() {
    Slot[] slots;
    try {
      slots = module.getSlotList(true);
    } catch (PKCS11Exception e) {
      throw TokenErrors.unavailable("list its slots", label(), TokenErrors.name(e));
    }
    for (Slot slot : slots) {
      try {
        Token token = slot.getToken();
        TokenInfo info = token == null ? null : token.getTokenInfo();
        if (info != null && label().equals(info.getLabel().strip())) {
          return token;
        }
      } catch (PKCS11Exception e) {
        // a slot whose token went away while listing: not ours
      }
    }
    throw TokenErrors.unavailable("connect", label(), "no token with this label in "
        + config.library());
  }

  private void login(Session session) {
    char[] pin = config.pin().read();
    try {
      session.login(PKCS11Constants.CKU_USER, pin);
      TokenLogins.loggedIn(config.library(), label(), pin);
    } catch (PKCS11Exception e) {
      if (e.getErrorCode() != PKCS11Constants.CKR_USER_ALREADY_LOGGED_IN) {
        throw TokenErrors.map(e, "log in", label());
      }
      TokenLogins.requireSame(config.library(), label(), pin, config.pin());
    } finally {
      Arrays.fill(pin, '\0');
    }
  }

  private static void quietlyClose(Session session) {
    try {
      session.closeSession();
    } catch (Exception | LinkageError ignored) {
      // gone with the token or the library
    }
  }
}
