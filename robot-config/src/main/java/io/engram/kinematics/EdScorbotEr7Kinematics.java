package io.engram.kinematics;

/**
 * Forward kinematics of the ED-Scorbot ER-VII: base q1, shoulder q2, elbow q3, wrist pitch q4
 * (radians, 0 = home). Wrist roll and gripper do not move the tool point.
 *
 * <p>The closed form of the reference robot: the joint angles are shifted by the home pose
 * (h1 = 23.6 deg, h2 = -22.0 deg, h3 = 22.4 deg), negated, and offset by fixed link-frame angles.
 * At home the tool point is at (0.920, -0.033, 0.3585) m.
 */
public record EdScorbotEr7Kinematics() implements ForwardKinematics {

  /** Base height d1 (m). */
  public static final double D1 = 0.3585;
  /** Shoulder offset a1 (m). */
  public static final double A1 = 0.050;
  /** Upper arm a2 (m). */
  public static final double A2 = 0.300;
  /** Forearm a3 (m). */
  public static final double A3 = 0.350;
  /** Wrist to tool point a4 (m). */
  public static final double A4 = 0.22;
  /** Lateral offset d2 (m). */
  public static final double D2 = -0.098;
  /** Lateral offset d3 (m). */
  public static final double D3 = 0.065;

  /** Home pose of the base, shoulder and elbow (rad). */
  public static final double H1 = Math.toRadians(23.6);
  public static final double H2 = Math.toRadians(-22.0);
  public static final double H3 = Math.toRadians(22.4);

  /** Fixed link-frame angles (rad), exact ratios of the reference model. */
  private static final double OFFSET_A = 3745578344.0 / 9093467413.0;
  private static final double OFFSET_B = 3357166075.0 / 8743247601.0;
  private static final double OFFSET_C = 1421104251.0 / 3634967671.0;

  @Override
  public int jointCount() {
    return 4;
  }

  @Override
  public void forward(double[] q, double[] xyzOut) {
    forward(
        ForwardKinematics.angle(q, 0),
        ForwardKinematics.angle(q, 1),
        ForwardKinematics.angle(q, 2),
        ForwardKinematics.angle(q, 3),
        xyzOut);
  }

  /** Tool point for base, shoulder, elbow and wrist-pitch angles (rad) into {@code xyzOut}. */
  public void forward(double q1, double q2, double q3, double q4, double[] xyzOut) {
    double a = -(q1 + H1) + OFFSET_A;
    double b = -(q2 + H2) - OFFSET_B;
    double c = -(q3 + H3) + OFFSET_C;
    double cA = Math.cos(a);
    double sA = Math.sin(a);
    double cB = Math.cos(b);
    double sB = Math.sin(b);
    double cC = Math.cos(c);
    double sC = Math.sin(c);
    double c4 = Math.cos(q4);
    double s4 = Math.sin(q4);
    // Reach in the arm's vertical plane and its height, shared by x and y.
    double reach =
        A1
            + A2 * cB
            - A3 * sB * sC
            + A3 * cB * cC
            + A4 * (-sB * sC + cB * cC) * c4
            + A4 * (-sB * cC - sC * cB) * s4;
    double lateral = D2 + D3;
    xyzOut[0] = reach * cA - lateral * sA;
    xyzOut[1] = reach * sA + lateral * cA;
    xyzOut[2] =
        -A2 * sB
            - A3 * sB * cC
            - A3 * sC * cB
            + A4 * (sB * sC - cB * cC) * s4
            + A4 * (-sB * cC - sC * cB) * c4
            + D1;
  }
}
