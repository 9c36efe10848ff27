package io.engram.config;

/** How weights map to conductances: w_max such that |w| = w_max programs Gmax. */
public enum WeightScale {
  /** One w_max per array: its largest |w| (IBM's convention). */
  PER_ARRAY,
  /** One w_max per column: the column's largest |w|. */
  PER_COLUMN,
  /** The fixed {@link CrossbarConfig#wMax()}; weights beyond it are clipped. */
  FIXED
}
