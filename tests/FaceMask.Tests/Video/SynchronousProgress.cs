using FaceMask.Video;

namespace FaceMask.Tests.Video;

/// <summary>An <see cref="IProgress{T}"/> that runs its handler on the reporting thread (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class SynchronousProgress(Action<VideoProgress> handler) : IProgress<VideoProgress>
{
    public void Report(VideoProgress value) => handler(value);
}
