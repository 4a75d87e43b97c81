using FaceMask.Inference;

namespace FaceMask.Video;

/// <summary>
/// A constant-velocity Kalman filter over a face box, as SORT uses one: the state is the box centre, width and
/// height and their velocities (per frame); each of the four quantities is an independent position/velocity pair, so
/// the 8-dimensional filter splits into four 2×2 filters with the same equations. Noise scales with the box's size
/// when the track starts, so the filter behaves the same at any resolution.
/// </summary>
internal sealed class KalmanBoxFilter
{
    private const int Axes = 4; // centre x, centre y, width, height
    private readonly double[] position = new double[Axes];
    private readonly double[] velocity = new double[Axes];
    private readonly double[] p00 = new double[Axes]; // covariance of position
    private readonly double[] p01 = new double[Axes]; // covariance of position and velocity
    private readonly double[] p11 = new double[Axes]; // covariance of velocity
    private readonly double measurementVariance;
    private readonly double positionNoise;
    private readonly double velocityNoise;

    /// <summary>Starts at <paramref name="box"/> at rest, with a large uncertainty about the velocity.</summary>
    public KalmanBoxFilter(FaceBox box)
    {
        ArgumentNullException.ThrowIfNull(box);
        double size = Math.Max(1, Math.Max(box.Width, box.Height));
        measurementVariance = Square(0.05 * size);     // a detection's box is off by about 5 % of its size
        positionNoise = Square(0.02 * size);           // the motion model is off by about 2 % per frame ...
        velocityNoise = Square(0.01 * size);           // ... and the speed changes by about 1 % per frame
        double[] z = Measure(box);
        for (int k = 0; k < Axes; k++)
        {
            position[k] = z[k];
            velocity[k] = 0;
            p00[k] = measurementVariance;
            p01[k] = 0;
            p11[k] = Square(0.25 * size); // unknown speed: up to about a quarter of the face per frame
        }
    }

    /// <summary>The current estimate of the box.</summary>
    public FaceBox Box
    {
        get
        {
            double width = Math.Max(1, position[2]);
            double height = Math.Max(1, position[3]);
            return new FaceBox((float)(position[0] - (width / 2)), (float)(position[1] - (height / 2)), (float)width, (float)height);
        }
    }

    /// <summary>The estimated velocity of the centre, in pixels per frame.</summary>
    public (double X, double Y) CentreVelocity => (velocity[0], velocity[1]);

    /// <summary>Advances the state by one frame (x ← x + v) and grows the uncertainty.</summary>
    public void Predict()
    {
        for (int k = 0; k < Axes; k++)
        {
            position[k] += velocity[k];
            if (k >= 2 && position[k] < 1)
            {
                position[k] = 1; // a box never shrinks to nothing
                velocity[k] = 0;
            }

            // P ← F P Fᵀ + Q with F = [[1, 1], [0, 1]]
            double a = p00[k] + (2 * p01[k]) + p11[k] + positionNoise;
            double b = p01[k] + p11[k];
            double c = p11[k] + velocityNoise;
            p00[k] = a;
            p01[k] = b;
            p11[k] = c;
        }
    }

    /// <summary>Corrects the state with a detected box (H = [1, 0]: only positions are measured).</summary>
    public void Update(FaceBox box)
    {
        ArgumentNullException.ThrowIfNull(box);
        double[] z = Measure(box);
        for (int k = 0; k < Axes; k++)
        {
            double innovation = z[k] - position[k];
            double s = p00[k] + measurementVariance;
            double k0 = p00[k] / s;
            double k1 = p01[k] / s;
            position[k] += k0 * innovation;
            velocity[k] += k1 * innovation;
            double n00 = (1 - k0) * p00[k];
            double n01 = (1 - k0) * p01[k];
            double n11 = p11[k] - (k1 * p01[k]);
            p00[k] = n00;
            p01[k] = n01;
            p11[k] = n11;
        }
    }

    private static double[] Measure(FaceBox box) => [box.X + (box.Width / 2.0), box.Y + (box.Height / 2.0), box.Width, box.Height];

    private static double Square(double x) => x * x;
}
