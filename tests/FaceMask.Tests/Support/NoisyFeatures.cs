using FaceMask.Data;
using FaceMask.Features;
using FaceMask.Models;

namespace FaceMask.Tests.Support;

/// <summary>
/// An in-memory backbone-feature dataset with separable classes (a Gaussian cluster per class in 512 dimensions, the
/// mirror view a slightly perturbed copy) and a known set of deliberately flipped labels.
/// </summary>
internal sealed class NoisyFeatures
{
    private NoisyFeatures(LoadedDataset data, int[] trueLabels, HashSet<int> flipped)
    {
        Data = data;
        TrueLabels = trueLabels;
        Flipped = flipped;
    }

    /// <summary>The dataset, with the noisy labels.</summary>
    public LoadedDataset Data { get; }

    /// <summary>The labels before flipping.</summary>
    public int[] TrueLabels { get; }

    /// <summary>Indices whose label was changed to another class.</summary>
    public HashSet<int> Flipped { get; }

    public static NoisyFeatures Create(int classes, int perClass, double flipShare, int seed = 3)
    {
        const int Length = 512;
        var random = new Random(seed);
        var centres = new float[classes][];
        for (int c = 0; c < classes; c++)
        {
            centres[c] = Enumerable.Range(0, Length).Select(_ => (float)(random.NextDouble() * 2.0)).ToArray();
        }

        int n = classes * perClass;
        var values = new float[n * 2 * Length];
        var labels = new int[n];
        var truth = new int[n];
        var paths = new string[n];
        for (int i = 0; i < n; i++)
        {
            int c = i / perClass;
            truth[i] = labels[i] = c;
            paths[i] = $"class{c}/img{i:D4}.jpg";
            for (int v = 0; v < 2; v++)
            {
                for (int d = 0; d < Length; d++)
                {
                    values[(((i * 2) + v) * Length) + d] = centres[c][d] + (float)(Gaussian(random) * 0.9);
                }
            }
        }

        var flipped = new HashSet<int>();
        int flips = (int)Math.Round(n * flipShare);
        while (flipped.Count < flips)
        {
            int i = random.Next(n);
            if (flipped.Add(i))
            {
                labels[i] = (truth[i] + 1 + random.Next(classes - 1)) % classes;
            }
        }

        var backbone = new BackboneManifest { Name = "resnet18", Files = new Dictionary<string, string>(), FeatureLength = Length };
        var features = new FeatureMatrix(values, n, backbone, extracted: 0, extractionSeconds: 0);
        var data = new LoadedDataset(
            "/synthetic",
            Enumerable.Range(0, classes).Select(c => $"class{c}").ToArray(),
            paths,
            labels,
            224,
            ResizeMode.CenterCrop,
            [],
            [],
            "synthetic",
            null,
            false,
            features);
        return new NoisyFeatures(data, truth, flipped);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
