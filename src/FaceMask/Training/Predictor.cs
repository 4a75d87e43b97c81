using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceMask.Training;

/// <summary>Runs a network in eval mode and returns class probabilities.</summary>
internal static class Predictor
{
    /// <summary>Images per forward pass.</summary>
    internal const int BatchSize = 256;

    /// <summary>Softmax probabilities for every image of <paramref name="images"/> (N×3×S×S, normalised), row per image.</summary>
    public static float[][] Probabilities(Module<Tensor, Tensor> network, Tensor images, int batchSize = BatchSize) =>
        Probabilities(network, (int)images.shape[0], (start, count) => images.narrow(0, start, count), batchSize);

    /// <summary>Softmax probabilities for every image of <paramref name="set"/>, row per image, a batch at a time.</summary>
    public static float[][] Probabilities(Module<Tensor, Tensor> network, TensorSet set, int batchSize = BatchSize)
    {
        ArgumentNullException.ThrowIfNull(set);
        return Probabilities(network, set.Count, set.Slice, batchSize);
    }

    /// <summary>The loop of both overloads: <paramref name="batch"/> gives the inputs of rows [start, start + count).</summary>
    private static float[][] Probabilities(Module<Tensor, Tensor> network, int n, Func<int, int, Tensor> batch, int batchSize)
    {
        network.eval();
        var result = new float[n][];
        using (no_grad())
        {
            for (int start = 0; start < n; start += batchSize)
            {
                using var scope = NewDisposeScope();
                int count = Math.Min(batchSize, n - start);
                CopyRows(network.forward(batch(start, count)).softmax(1), result, start);
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
