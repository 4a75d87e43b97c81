using FaceMask.Data;
using FaceMask.Inference;
using SkiaSharp;

namespace FaceMask.Tests.Web;

/// <summary>
/// A stand-in for the real detector + classifier with answers a test can predict: it really decodes the photo
/// (so corrupt images fail as they would), reports one "face" covering the middle half, and labels it by the photo's
/// dominant channel (red → classes[0], green → classes[1], blue → classes[2]), each class's probability its channel's
/// share, unsure when the top share is below <see cref="UnsureBelow"/>. It counts calls and the most that ran at once,
/// and can be made to take a while or to wait for a signal.
/// </summary>
internal sealed class FakePhotoAnalyzer : IPhotoAnalyzer
{
    public const float Score = 0.875f;

    private int running;
    private int maxRunning;
    private int calls;
    private long overlapDeadline;

    public IReadOnlyList<string> Classes { get; } = ["red_mask", "green_mask", "blue_mask"];

    public string ModelId => "fake-model-7";

    /// <summary>Faces whose top probability is below this are unsure (0: never).</summary>
    public double UnsureBelow { get; init; }

    /// <summary>How long each analysis takes.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>
    /// When above 1, each analysis first waits (up to 10 s after the first call, in all) until this many analyses have run at once, so a test can
    /// prove that the server lets them overlap without depending on how fast the thread pool schedules them.
    /// </summary>
    public int AwaitOverlap { get; init; }

    /// <summary>When set, each analysis waits for it first.</summary>
    public ManualResetEventSlim? Hold { get; init; }

    /// <summary>Runs at the start of each analysis, while the request is in flight.</summary>
    public Action? OnAnalyze { get; init; }

    public int Calls => Volatile.Read(ref calls);

    public int MaxRunning => Volatile.Read(ref maxRunning);

    /// <summary>The answer expected for a photo of one colour.</summary>
    public string LabelFor(SKColor color)
    {
        byte[] channels = [color.Red, color.Green, color.Blue];
        return Classes[Array.IndexOf(channels, channels.Max())];
    }

    public PhotoAnalysis Analyze(ReadOnlyMemory<byte> encoded, string nameForErrors, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref calls);
        int now = Interlocked.Increment(ref running);
        int seen;
        while (now > (seen = Volatile.Read(ref maxRunning)) && Interlocked.CompareExchange(ref maxRunning, now, seen) != seen)
        {
        }

        try
        {
            if (AwaitOverlap > 1)
            {
                long deadline = Interlocked.CompareExchange(ref overlapDeadline, Environment.TickCount64 + 10_000, 0);
                deadline = deadline == 0 ? Volatile.Read(ref overlapDeadline) : deadline;
                SpinWait.SpinUntil(() => Volatile.Read(ref maxRunning) >= AwaitOverlap || Environment.TickCount64 > deadline);
            }

            OnAnalyze?.Invoke();
            Hold?.Wait(cancellationToken);
            using SKBitmap bitmap = ImageDecoder.DecodeBitmap(encoded.Span, nameForErrors);
            if (Delay > TimeSpan.Zero)
            {
                Thread.Sleep(Delay);
            }

            double[] sums = new double[3];
            ReadOnlySpan<byte> pixels = bitmap.GetPixelSpan();
            for (int i = 0; i < pixels.Length; i += 4)
            {
                sums[0] += pixels[i];
                sums[1] += pixels[i + 1];
                sums[2] += pixels[i + 2];
            }

            double total = sums.Sum() + 1e-9;
            var probabilities = new Dictionary<string, float>();
            for (int c = 0; c < Classes.Count; c++)
            {
                probabilities[Classes[c]] = (float)(sums[c] / total);
            }

            string label = Classes[Array.IndexOf(sums, sums.Max())];
            int w = bitmap.Width;
            int h = bitmap.Height;
            var face = new FaceResult(new FaceBox(w / 4f, h / 4f, w / 2f, h / 2f), Score, label, probabilities, probabilities[label] < UnsureBelow);
            return new PhotoAnalysis(w, h, [face], WholeImage: false);
        }
        finally
        {
            Interlocked.Decrement(ref running);
        }
    }
}
