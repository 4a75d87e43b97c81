using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceMask.Training;

/// <summary>Runs a network in eval mode and returns class probabilities.</summary>
internal static class Predictor
{
    /// <summary>Images per forward pass.</summary>
    internal const int BatchSize = 256;

    /// <summary>Softmax probabilities for every image of <paramref name="images"/> (N×3×S×S, normalised), row per image.</summary>
    public static float[][] Probabilities(Module<Tensor, Tensor> network, Tensor images, int batchSize = BatchSize)
    {
        network.eval();
        long n = images.shape[0];
        var result = new float[n][];
        using (no_grad())
        {
            for (long start = 0; start < n; start += batchSize)
            {
                using var scope = NewDisposeScope();
                long count = Math.Min(batchSize, n - start);
                CopyRows(network.forward(images.narrow(0, start, count)).softmax(1), result, (int)start);
            }
        }

        return result;
    }

    /// <summary>Softmax probabilities for every image of <paramref name="set"/>, row per image, a batch at a time.</summary>
    public static float[][] Probabilities(Module<Tensor, Tensor> network, TensorSet set, int batchSize = BatchSize)
    {
        ArgumentNullException.ThrowIfNull(set);
        network.eval();
        var result = new float[set.Count][];
        using (no_grad())
        {
            for (int start = 0; start < set.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                int count = Math.Min(batchSize, set.Count - start);
                CopyRows(network.forward(set.Slice(start, count)).softmax(1), result, start);
            }
        }

        return result;
    }

    /// <summary>Copies the rows of <paramref name="probabilities"/> (N×C) into <paramref name="result"/> from <paramref name="offset"/> (call inside a dispose scope).</summary>
    internal static void CopyRows(Tensor probabilities, float[][] result, int offset)
    {
        var contiguous = probabilities.contiguous();
        float[] flat = contiguous.data<float>().ToArray();
        int classes = (int)contiguous.shape[1];
        for (int i = 0; i < contiguous.shape[0]; i++)
        {
            result[offset + i] = flat.AsSpan(i * classes, classes).ToArray();
        }
    }

    /// <summary>Index of the largest probability (first on ties).</summary>
    public static int ArgMax(float[] probabilities)
    {
        int best = 0;
        for (int i = 1; i < probabilities.Length; i++)
        {
            if (probabilities[i] > probabilities[best])
            {
                best = i;
            }
        }

        return best;
    }
}
