namespace FaceMask.Tests.Support;

/// <summary>In-memory planar uint8 images with a learnable class signal (a bright square whose channel and corner depend on the class).</summary>
internal static class SyntheticPixels
{
    public static (byte[] Pixels, int[] Labels) Make(int classes, int perClass, int size, int seed, bool learnable = true)
    {
        var random = new Random(seed);
        int n = classes * perClass;
        int per = 3 * size * size;
        var pixels = new byte[n * per];
        var labels = new int[n];
        random.NextBytes(pixels);
        for (int i = 0; i < n; i++)
        {
            int label = i % classes;
            labels[i] = learnable ? label : random.Next(classes);
            for (int k = 0; k < per; k++)
            {
                pixels[(i * per) + k] = (byte)(pixels[(i * per) + k] / 2);
            }

            int channel = label % 3;
            int half = size / 2;
            int oy = (label / 3) % 2 == 0 ? 0 : half;
            for (int y = oy; y < oy + half; y++)
            {
                for (int x = 0; x < half; x++)
                {
                    pixels[(i * per) + (channel * size * size) + (y * size) + x] = (byte)(200 + random.Next(55));
                }
            }
        }

        return (pixels, labels);
    }
}
