package dev.ronkms.keys;

/**
 * The state of one key version.
 *
 * <pre>
 *   stageRotation       promote
 *   ──────────▶ PENDING ────────▶ ENABLED ◀──enable── DISABLED
 *                  │                 │  ──disable──▶     │
 *                  └──── destroy ────┴──────┬────────────┘
 *                                           ▼
 *                                       DESTROYED (terminal; private key zeroised)
 * </pre>
 * The head version is always ENABLED: it cannot be disabled or destroyed (rotate first).
 */
public enum VersionState {
  /** Staged by {@code stageRotation}: verifies, never signs, waits to be promoted to head. */
  PENDING,
  /** Verifies; signs when it is the head. */
  ENABLED,
  /** Neither signs nor verifies until enabled again. */
  DISABLED,
  /** Private key destroyed; never signs or verifies again. */
  DESTROYED;

  /**
   * True when signatures by a version in this state may verify (subject to the minimum).
   *
   * @return true when signatures by a version in this state may verify (subject to the minimum)
   */
  public boolean verifies() {
    return this == PENDING || this == ENABLED;
  }
}
