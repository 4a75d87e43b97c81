using FaceMask.Protocols;

namespace FaceMask.Tests.Calibration;

/// <summary>
/// Held-out predictions with a known miscalibration: logits z ~ N(0, scale²) per class, the true class drawn from
/// softmax(z / T0), and the network's probabilities softmax(z). Temperature scaling with T0 recovers the probabilities
/// the labels were drawn from, so a fit should find T0.
/// </summary>
internal static class SyntheticPredictions
{
    public static PredictionRow[] Draw(int count, int classes, double trueTemperature, int seed, double scale = 2.0, int? fold = null)
    {
        var random = new Random(seed);
        var rows = new PredictionRow[count];
        for (int i = 0; i < count; i++)
        {
            double[] z = Enumerable.Range(0, classes).Select(_ => scale * Normal(random)).ToArray();
            double[] truthDistribution = Softmax(z, trueTemperature);
            int truth = Sample(truthDistribution, random);
            float[] probabilities = Softmax(z, 1).Select(p => (float)p).ToArray();
            int predicted = Array.IndexOf(probabilities, probabilities.Max());
            rows[i] = new PredictionRow($"img{i}.png", truth, predicted, probabilities, fold);
        }

        return rows;
    }

    /// <summary>A two-class prediction of class 0 with probability <paramref name="confidence"/>, right or wrong.</summary>
    public static PredictionRow Binary(double confidence, bool right, int? fold = null) =>
        new($"c{confidence}", right ? 0 : 1, 0, [(float)confidence, (float)(1 - confidence)], fold);

    private static double[] Softmax(double[] z, double temperature)
    {
        double max = z.Max() / temperature;
        double[] e = z.Select(v => Math.Exp((v / temperature) - max)).ToArray();
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }

    private static int Sample(double[] distribution, Random random)
    {
        double u = random.NextDouble();
        double cumulative = 0;
        for (int k = 0; k < distribution.Length; k++)
        {
            cumulative += distribution[k];
            if (u < cumulative)
            {
                return k;
            }
        }

        return distribution.Length - 1;
    }

    private static double Normal(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
