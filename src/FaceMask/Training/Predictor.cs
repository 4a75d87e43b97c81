using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceMask.Training;

/// <summary>Runs a network in eval mode and returns class probabilities.</summary>
public static class Predictor
{
    /// <summary>Softmax probabilities for every image of <paramref name="images"/> (N×3×S×S, normalised), row per image.</summary>
    public static float[][] Probabilities(Module<Tensor, Tensor> network, Tensor images, int batchSize = 256)
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
                var probs = network.forward(images.narrow(0, start, count)).softmax(1).contiguous();
                float[] flat = probs.data<float>().ToArray();
                int classes = (int)probs.shape[1];
                for (int i = 0; i < count; i++)
                {
                    result[start + i] = flat.AsSpan(i * classes, classes).ToArray();
                }
            }
        }

        return result;
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
