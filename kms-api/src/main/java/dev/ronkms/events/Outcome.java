package dev.ronkms.events;

/** How a reported operation ended. */
public enum Outcome {
  /** It did what was asked. */
  SUCCESS,
  /** It ran and answered no: a signature that is not valid. */
  NEGATIVE,
  /** It failed with a {@link dev.ronkms.KmsException}; the event carries its code. */
  FAILURE
}
