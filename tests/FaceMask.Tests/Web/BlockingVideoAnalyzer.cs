using FaceMask.Video;

namespace FaceMask.Tests.Web;

/// <summary>A video analyzer that waits until released (to fill the analysis line), then fails the test if ever asked to answer.</summary>
internal sealed class BlockingVideoAnalyzer : IVideoAnalyzer, IDisposable
{
    private readonly ManualResetEventSlim release = new(false);

    public IReadOnlyList<string> Classes { get; } = ["red_mask", "green_mask", "blue_mask"];

    public string ModelId => "fake-model-7";

    /// <summary>Set once an analysis has started.</summary>
    public ManualResetEventSlim Started { get; } = new(false);

    public VideoAnalysis Analyze(string path, IProgress<VideoProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Started.Set();
        release.Wait(cancellationToken);
        throw new VideoException(VideoProblem.Unreadable, $"{path}: released");
    }

    public ILiveVideoSession StartLive(double framesPerSecond) => throw new NotSupportedException("no live sessions here");

    public void Release() => release.Set();

    public void Dispose()
    {
        release.Dispose();
        Started.Dispose();
    }
}
